//! Web renditions of a photograph: decoded within pixel limits, resized with `fast_image_resize`
//! and encoded as baseline JPEG with 4:2:0 chroma subsampling by `jpeg-encoder`.
//!
//! Privacy rule: a rendition carries pixels and, when the source had one, its ICC colour profile
//! (so colours stay right), and nothing else. EXIF orientation is applied to the pixels first;
//! then GPS position, camera, owner names and every other metadata field are simply never written.

use std::io::Cursor;

use fast_image_resize::images::{Image as ResizeImage, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader, RgbImage};
use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

use crate::article::picture_file::image_limits;

/// Widths of the renditions of every picture, largest first. Narrower sources are never upscaled:
/// they get their own width in place of the widths they cannot reach.
pub const RENDITION_WIDTHS: [u32; 3] = [1600, 800, 400];
/// JPEG quality of the renditions (the libjpeg scale, 1–100).
pub const JPEG_QUALITY: u8 = 82;

#[derive(Debug, Clone, PartialEq)]
pub struct Rendition {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// Makes the renditions of one picture at `widths` (largest first), as the picture is meant to be
/// seen (EXIF orientation applied). `Err` carries a reason worded for the user.
pub fn make_renditions(bytes: &[u8], widths: &[u32], quality: u8) -> Result<Vec<Rendition>, String> {
    let (pixels, orientation, icc) = decode(bytes)?;
    let swaps_axes = matches!(
        orientation,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    );
    let (stored_w, stored_h) = pixels.dimensions();
    let (shown_w, shown_h) = if swaps_axes { (stored_h, stored_w) } else { (stored_w, stored_h) };
    let mut out = Vec::new();
    // Each rendition is resized from the previous (larger) one: the big resize happens once, and
    // Lanczos from twice the size loses nothing visible.
    let mut from = pixels;
    for width in target_widths(shown_w, widths) {
        let height = ((shown_h as u64 * width as u64 + shown_w as u64 / 2) / shown_w as u64).max(1) as u32;
        let (w, h) = if swaps_axes { (height, width) } else { (width, height) };
        let resized = if (w, h) == from.dimensions() { from.clone() } else { resize(&from, w, h)? };
        let jpeg = if orientation == Orientation::NoTransforms {
            encode_jpeg(&resized, quality, icc.as_deref())?
        } else {
            let mut shown = DynamicImage::ImageRgb8(resized.clone());
            shown.apply_orientation(orientation);
            encode_jpeg(&shown.into_rgb8(), quality, icc.as_deref())?
        };
        out.push(Rendition { width, height, jpeg });
        from = resized;
    }
    Ok(out)
}

/// The widths to produce for a picture `shown_w` pixels wide: each asked width it can reach, its
/// own width in place of those it cannot, no width twice.
pub fn target_widths(shown_w: u32, widths: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for &w in widths {
        let w = w.min(shown_w);
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

fn decode(bytes: &[u8]) -> Result<(RgbImage, Orientation, Option<Vec<u8>>), String> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    reader.limits(image_limits());
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    Ok((flatten_on_white(image), orientation, icc))
}

/// JPEG has no transparency: transparent areas (a PNG logo, a chart) become white, not black.
fn flatten_on_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut rgb = RgbImage::new(w, h);
    for (dst, src) in rgb.pixels_mut().zip(rgba.pixels()) {
        let a = src[3] as u32;
        for c in 0..3 {
            dst[c] = ((src[c] as u32 * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    rgb
}

fn resize(src: &RgbImage, width: u32, height: u32) -> Result<RgbImage, String> {
    let (sw, sh) = src.dimensions();
    let view = ImageRef::new(sw, sh, src.as_raw(), PixelType::U8x3).map_err(|e| e.to_string())?;
    let mut dst = ResizeImage::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new().resize(&view, &mut dst, &options).map_err(|e| e.to_string())?;
    RgbImage::from_raw(width, height, dst.into_vec()).ok_or_else(|| "resize produced a wrong buffer".to_string())
}

fn encode_jpeg(image: &RgbImage, quality: u8, icc: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let (w, h) = image.dimensions();
    let (w16, h16) = (u16::try_from(w).map_err(|e| e.to_string())?, u16::try_from(h).map_err(|e| e.to_string())?);
    let mut out = Vec::new();
    let mut encoder = Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(SamplingFactor::R_4_2_0);
    // Optimized Huffman tables are off: with jpeg-encoder 0.6 they produced files that decoders
    // read as flat green (seen in the package tests). libjpeg's default is the same.
    encoder.set_optimized_huffman_tables(false);
    if let Some(icc) = icc {
        encoder.add_icc_profile(icc).map_err(|e| e.to_string())?;
    }
    encoder.encode(image.as_raw(), w16, h16, ColorType::Rgb).map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_pictures_are_never_upscaled() {
        assert_eq!(target_widths(6000, &RENDITION_WIDTHS), vec![1600, 800, 400]);
        assert_eq!(target_widths(1000, &RENDITION_WIDTHS), vec![1000, 800, 400]);
        assert_eq!(target_widths(300, &RENDITION_WIDTHS), vec![300]);
        assert_eq!(target_widths(800, &RENDITION_WIDTHS), vec![800, 400]);
    }
}
