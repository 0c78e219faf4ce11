//! Where a profile's private key lives. The OS keychain (Secret Service on Linux, Keychain on
//! macOS, Credential Manager on Windows, through `keyring`) under the key's fingerprint; or, where
//! there is no keychain and the user asks for it, a passphrase-sealed key file. There is no third
//! place: without a keychain Qalam says so rather than keep the key in plain text.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::key_file::{self, OpenError};
use super::keychain::Slot;
use super::keys::{Fingerprint, KeyPair};
use crate::files::FileError;
use crate::lang::{Lang, Localized};

/// The keychain service name entries are kept under.
pub const KEYCHAIN_SERVICE: &str = "qalam";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SecretStore {
    Keychain,
    KeyFile { path: PathBuf },
}

#[derive(Debug)]
pub enum StoreError {
    /// No keychain answers (no Secret Service running, a locked or absent keychain).
    NoKeychain {
        detail: String,
    },
    /// The keychain has no key under this fingerprint.
    NotInKeychain {
        fingerprint: Fingerprint,
    },
    Keychain {
        detail: String,
    },
    /// A key file needs a passphrase and none was given.
    NoPassphrase,
    WrongPassphrase {
        path: PathBuf,
    },
    BadKeyFile {
        path: PathBuf,
        detail: String,
    },
    KeyFileIo(FileError),
    /// The key file would overwrite an existing file.
    KeyFileExists {
        path: PathBuf,
    },
}

impl SecretStore {
    /// Keeps `pair`'s private key. A key file is written under a temporary name, readable by
    /// its owner only, and renamed into place; an existing file is never overwritten.
    pub fn save(&self, pair: &KeyPair, passphrase: Option<&str>) -> Result<(), StoreError> {
        match self {
            SecretStore::Keychain => {
                let slot = slot(&pair.fingerprint())?;
                let encoded = Zeroizing::new(BASE64.encode(pair.seed().as_ref()));
                slot.write(&encoded).map_err(keychain_error)
            }
            SecretStore::KeyFile { path } => {
                let passphrase = passphrase.filter(|p| !p.is_empty()).ok_or(StoreError::NoPassphrase)?;
                if path.exists() {
                    return Err(StoreError::KeyFileExists { path: path.clone() });
                }
                write_private(path, key_file::seal(pair, passphrase).as_bytes()).map_err(|e| key_file_io(path, &e))
            }
        }
    }

    /// The key pair of `fingerprint`, for signing.
    pub fn load(&self, fingerprint: &Fingerprint, passphrase: Option<&str>) -> Result<KeyPair, StoreError> {
        match self {
            SecretStore::Keychain => {
                let encoded = slot(fingerprint)?.read().map_err(|e| match e {
                    keyring::Error::NoEntry => StoreError::NotInKeychain { fingerprint: fingerprint.clone() },
                    other => keychain_error(other),
                })?;
                let seed = Zeroizing::new(BASE64.decode(encoded.as_bytes()).unwrap_or_default());
                KeyPair::from_seed(&seed).filter(|pair| &pair.fingerprint() == fingerprint).ok_or_else(|| {
                    StoreError::Keychain { detail: "the keychain entry is not this profile's key".into() }
                })
            }
            SecretStore::KeyFile { path } => {
                let text = std::fs::read_to_string(path).map_err(|e| key_file_io(path, &e))?;
                let passphrase = passphrase.filter(|p| !p.is_empty()).ok_or(StoreError::NoPassphrase)?;
                let pair = key_file::open(&text, passphrase).map_err(|e| match e {
                    OpenError::WrongPassphrase => StoreError::WrongPassphrase { path: path.clone() },
                    OpenError::NotAKeyFile(detail) => StoreError::BadKeyFile { path: path.clone(), detail },
                })?;
                if &pair.fingerprint() != fingerprint {
                    return Err(StoreError::BadKeyFile {
                        path: path.clone(),
                        detail: format!("the file holds key {}, the profile's is {}", pair.fingerprint(), fingerprint),
                    });
                }
                Ok(pair)
            }
        }
    }

    /// Whether a key file is used (it needs a passphrase).
    pub fn needs_passphrase(&self) -> bool {
        matches!(self, SecretStore::KeyFile { .. })
    }

    pub fn describe(&self, lang: Lang) -> String {
        match self {
            SecretStore::Keychain => lang.pick("سلسلة مفاتيح النظام", "the system keychain").to_string(),
            SecretStore::KeyFile { path } => match lang {
                Lang::Ar => format!("ملف مفتاح مشفّر بعبارة مرور: {}", lang.ltr(path.display())),
                Lang::En => format!("a passphrase-encrypted key file: {}", path.display()),
            },
        }
    }
}

fn slot(fingerprint: &Fingerprint) -> Result<Slot, StoreError> {
    Slot::new(KEYCHAIN_SERVICE, &fingerprint.0).map_err(keychain_error)
}

fn keychain_error(e: keyring::Error) -> StoreError {
    match e {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            StoreError::NoKeychain { detail: e.to_string() }
        }
        other => StoreError::Keychain { detail: other.to_string() },
    }
}

fn key_file_io(path: &Path, e: &std::io::Error) -> StoreError {
    StoreError::KeyFileIo(FileError::io(path, e))
}

/// Writes a new file only its owner may read, whole or not at all.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new().prefix(".qalam-key-").tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NoKeychain { .. } => "no-keychain",
            StoreError::NotInKeychain { .. } => "key-not-found",
            StoreError::Keychain { .. } => "keychain",
            StoreError::NoPassphrase => "no-passphrase",
            StoreError::WrongPassphrase { .. } => "wrong-passphrase",
            StoreError::BadKeyFile { .. } => "bad-key-file",
            StoreError::KeyFileIo(e) => e.problem.code(),
            StoreError::KeyFileExists { .. } => "already-exists",
        }
    }

    /// The keychain's or system's own words, for `--json`'s cause.
    pub fn cause(&self) -> Option<String> {
        match self {
            StoreError::NoKeychain { detail } | StoreError::Keychain { detail } => Some(detail.clone()),
            StoreError::BadKeyFile { detail, .. } => Some(detail.clone()),
            StoreError::KeyFileIo(e) => e.cause.clone(),
            _ => None,
        }
    }
}

impl Localized for StoreError {
    fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::NoKeychain { .. } => lang
                .pick(
                    "لا توجد سلسلة مفاتيح للنظام تحفظ المفتاح الخاص (لا تعمل خدمة الأسرار)؛ استعمل --key-file لحفظه في ملف مشفّر بعبارة مرور",
                    "no system keychain to keep the private key in (no Secret Service is running); use --key-file to keep it in a passphrase-encrypted file",
                )
                .to_string(),
            StoreError::NotInKeychain { fingerprint } => match lang {
                Lang::Ar => format!("لا يوجد في سلسلة المفاتيح مفتاح خاص بالبصمة {}", lang.ltr(fingerprint)),
                Lang::En => format!("the keychain has no private key with fingerprint {fingerprint}"),
            },
            StoreError::Keychain { .. } => {
                lang.pick("رفضت سلسلة المفاتيح الطلب", "the keychain refused the request").to_string()
            }
            StoreError::NoPassphrase => lang
                .pick(
                    "ملف المفتاح يحتاج عبارة المرور: اكتبها عند السؤال أو ضعها في QALAM_KEY_PASSPHRASE",
                    "the key file needs its passphrase: type it when asked or set QALAM_KEY_PASSPHRASE",
                )
                .to_string(),
            StoreError::WrongPassphrase { path } => match lang {
                Lang::Ar => format!("عبارة المرور لا تفتح ملف المفتاح {}", lang.ltr(path.display())),
                Lang::En => format!("the passphrase does not open the key file {}", path.display()),
            },
            StoreError::BadKeyFile { path, .. } => match lang {
                Lang::Ar => format!("{} ليس ملف مفتاح لقلم", lang.ltr(path.display())),
                Lang::En => format!("{} is not a Qalam key file", path.display()),
            },
            StoreError::KeyFileIo(e) => e.message(lang),
            StoreError::KeyFileExists { path } => match lang {
                Lang::Ar => format!("الملف {} موجود؛ لن أكتب المفتاح فوقه", lang.ltr(path.display())),
                Lang::En => format!("{} already exists; the key is not written over it", path.display()),
            },
        }
    }
}
