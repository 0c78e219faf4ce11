//! Images added from disk: stored once by content, read back byte for byte, and anything that is
//! not a sane image refused with its reason.

use qalam_core::library::LibraryError;

use crate::support::{icon, pixel_bomb, temp_library};

#[test]
fn an_image_is_stored_once_and_read_back_exactly() {
    let (_dir, mut lib) = temp_library();
    let bytes = icon();
    let first = lib.add_image(&bytes, "قلم.png").unwrap();
    assert!(first.src.starts_with("assets/") && first.src.ends_with(".png"), "{}", first.src);
    assert_eq!((first.width, first.height, first.media_type.as_str()), (512, 512, "image/png"));
    assert_eq!(lib.add_image(&bytes, "copy.png").unwrap(), first, "the same picture is stored once");
    assert_eq!(lib.image(&first.src).unwrap(), (bytes, "image/png".to_string()));
    assert!(matches!(lib.image("assets/../../etc/passwd"), Err(LibraryError::ImageNotFound { .. })));
}

#[test]
fn files_that_are_not_sane_images_are_refused() {
    let (_dir, mut lib) = temp_library();
    for (bytes, name) in
        [(b"%PDF-1.7 not an image".to_vec(), "a.pdf"), (Vec::new(), "empty.jpg"), (pixel_bomb(), "bomb.png")]
    {
        let err = lib.add_image(&bytes, name).unwrap_err();
        assert!(matches!(err, LibraryError::NotAnImage { .. }), "{name}: {err}");
    }
    let message = lib.add_image(&pixel_bomb(), "bomb.png").unwrap_err().to_string();
    assert!(message.contains("100000×100000"), "the bomb is refused for its size: {message}");
}
