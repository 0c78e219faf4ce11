//! Test photographs made on the spot: photo-like pixels (smooth light, fine texture, hard edges,
//! so JPEG behaves as with a real photo) carrying EXIF with a GPS position, a camera and an
//! orientation tag — what a journalist's phone writes and a package must never let out.
//! Shared by the package tests and the package benchmark.

use jpeg_encoder::{ColorType, Encoder};

pub const GPS_LATITUDE: (u32, u32, u32) = (33, 25, 12);
pub const GPS_LONGITUDE: (u32, u32, u32) = (43, 18, 30);
pub const CAMERA_MAKE: &str = "QalamTestCam";

/// RGB pixels of a synthetic photograph. The top-left quarter (as stored) is pure red so a test
/// can see where a rotation moved it.
pub fn photo_pixels(width: u32, height: u32, red_corner: bool) -> Vec<u8> {
    let mut rgb = Vec::with_capacity((width * height * 3) as usize);
    let mut noise: u32 = 0x9E37_79B9;
    for y in 0..height {
        for x in 0..width {
            noise ^= noise << 13;
            noise ^= noise >> 17;
            noise ^= noise << 5;
            let grain = (noise & 0x1F) as f32 - 16.0;
            let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
            let sky = 150.0 + 80.0 * (fx * 3.1).sin() * (fy * 2.3).cos();
            let band = if ((x / 97) + (y / 61)) % 7 == 0 { 60.0 } else { 0.0 };
            let mut px = [sky + grain - band, 120.0 + 90.0 * fy + grain * 0.7, 90.0 + 100.0 * fx + band + grain];
            if red_corner && x < width / 2 && y < height / 2 {
                px = [235.0, 20.0, 20.0];
            }
            rgb.extend(px.map(|v| v.clamp(0.0, 255.0) as u8));
        }
    }
    rgb
}

/// A JPEG photograph with EXIF (GPS position, camera make, `orientation`).
pub fn photo_jpeg(width: u32, height: u32, orientation: u16, red_corner: bool) -> Vec<u8> {
    let pixels = photo_pixels(width, height, red_corner);
    let mut out = Vec::new();
    let mut encoder = Encoder::new(&mut out, 92);
    encoder.add_app_segment(1, &exif_segment(orientation)).unwrap();
    encoder.encode(&pixels, width as u16, height as u16, ColorType::Rgb).unwrap();
    out
}

/// An APP1 EXIF payload: IFD0 with Orientation, Make and a GPS IFD holding latitude and
/// longitude, little-endian TIFF as cameras write it.
pub fn exif_segment(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"II\x2A\x00\x08\x00\x00\x00".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value);
    };
    // IFD0 at 8: three entries, then the next-IFD offset; the Make string follows at 50.
    let make = format!("{CAMERA_MAKE}\0");
    let gps_ifd = 50 + make.len() as u32 + (make.len() % 2) as u32;
    t.extend(3u16.to_le_bytes());
    entry(&mut t, 0x010F, 2, make.len() as u32, 50u32.to_le_bytes());
    let o = orientation.to_le_bytes();
    entry(&mut t, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    entry(&mut t, 0x8825, 4, 1, gps_ifd.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    t.extend(make.as_bytes());
    if make.len() % 2 == 1 {
        t.push(0);
    }
    // GPS IFD: four entries; the two rational triples follow it.
    let rationals = gps_ifd + 2 + 4 * 12 + 4;
    t.extend(4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, rationals.to_le_bytes());
    entry(&mut t, 0x0003, 2, 2, *b"E\0\0\0");
    entry(&mut t, 0x0004, 5, 3, (rationals + 24).to_le_bytes());
    t.extend(0u32.to_le_bytes());
    for (d, m, s) in [GPS_LATITUDE, GPS_LONGITUDE] {
        for v in [d, m, s] {
            t.extend(v.to_le_bytes());
            t.extend(1u32.to_le_bytes());
        }
    }
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend(t);
    segment
}
