//! The picture files an article may carry: the formats Qalam takes (JPEG, PNG, WebP, GIF), the
//! limits that keep a pixel bomb out (read from the header, before anything is decoded), and how a
//! stored picture is named in an article (`assets/<sha256>.<ext>`). No library here: the SQLite
//! store, packages and the desk all judge pictures by these.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};

/// Larger files are not photographs a newsroom sends; refuse them before decoding anything.
pub const MAX_IMAGE_BYTES: usize = 64 * 1024 * 1024;
/// The largest width or height accepted (a pixel bomb is refused from its header alone).
pub const MAX_IMAGE_SIDE: u32 = 20_000;
/// The most pixels a picture may have (about 120 megapixels, beyond any press camera).
pub const MAX_IMAGE_PIXELS: u64 = 120_000_000;
/// Where a stored picture's `src` points: `assets/<sha256>.<ext>`.
pub const ASSET_PREFIX: &str = "assets/";

/// The content hash a stored picture's `src` names (`assets/<sha256>.<ext>`), lower case; none
/// for any other `src`. Libraries and the desk both keep pictures by it.
pub fn asset_hash(src: &str) -> Option<String> {
    let hash = src.strip_prefix(ASSET_PREFIX)?.split('.').next()?;
    (hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit())).then(|| hash.to_ascii_lowercase())
}

/// The decoder limits for every picture Qalam reads: a pixel bomb is refused from its header.
pub fn image_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 4 + 64 * 1024 * 1024);
    limits
}

/// The picture formats Qalam takes: format, file extension, media type.
const FORMATS: [(ImageFormat, &str, &str); 4] = [
    (ImageFormat::Jpeg, "jpg", "image/jpeg"),
    (ImageFormat::Png, "png", "image/png"),
    (ImageFormat::WebP, "webp", "image/webp"),
    (ImageFormat::Gif, "gif", "image/gif"),
];

/// The file extension for a media type Qalam stores (`jpg` for any other).
pub fn extension_of(media_type: &str) -> &'static str {
    FORMATS.iter().find(|(_, _, media)| *media == media_type).map_or("jpg", |(_, extension, _)| extension)
}

/// What a picture's header says, read within the limits; `Err` is a reason worded for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageProbe {
    pub extension: &'static str,
    pub media_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Reads a picture's format and size from its header, refusing what Qalam does not take: other
/// formats, files over 64 MiB and pictures over the pixel limits.
pub fn probe_image(bytes: &[u8]) -> Result<ImageProbe, String> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err("the file is larger than 64 MiB".into());
    }
    // Only the header is read here, so the size can be named in the refusal; decoding always
    // goes through `image_limits`.
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let Some(&(_, extension, media_type)) = FORMATS.iter().find(|(format, _, _)| Some(*format) == reader.format())
    else {
        return Err("not a JPEG, PNG, WebP or GIF image".into());
    };
    let (width, height) = reader.into_dimensions().map_err(|e| e.to_string())?;
    if width == 0
        || height == 0
        || width > MAX_IMAGE_SIDE
        || height > MAX_IMAGE_SIDE
        || width as u64 * height as u64 > MAX_IMAGE_PIXELS
    {
        return Err(format!("{width}×{height} pixels is outside the accepted size"));
    }
    Ok(ImageProbe { extension, media_type, width, height })
}
