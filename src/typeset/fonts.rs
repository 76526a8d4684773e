//! Fonts, discovered once per process and shared by every document.
//!
//! Sources, in order: the fonts embedded in typst-kit (Latin text, maths, code), the system
//! font folders, `styles/fonts/`, then every `--font-path` / `GALLEY_FONT_PATH` folder.

use std::fs::File;
use std::path::PathBuf;

use memmap2::Mmap;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst_kit::fonts::{self, FontPath, FontSource, FontStore};

/// Where to look for fonts.
#[derive(Debug, Clone, Default)]
pub struct FontOptions {
    /// Scan the operating system's font folders (fontconfig paths on Debian).
    pub system: bool,
    /// Extra folders, scanned recursively.
    pub paths: Vec<PathBuf>,
}

impl FontOptions {
    /// System fonts plus `GALLEY_FONT_PATH` (a `:`-separated list of folders).
    pub fn from_env() -> Self {
        let paths = std::env::var_os("GALLEY_FONT_PATH")
            .map(|v| std::env::split_paths(&v).collect())
            .unwrap_or_default();
        FontOptions {
            system: true,
            paths,
        }
    }
}

/// A font collection. A face's file is mapped the first time a document uses it.
pub struct Fonts {
    store: FontStore,
}

impl Fonts {
    pub fn load(opts: &FontOptions, styles_fonts: Option<PathBuf>) -> Self {
        let mut store = FontStore::new();
        store.extend(fonts::embedded());
        if opts.system {
            store.extend(fonts::system().map(mapped));
        }
        for dir in styles_fonts.iter().chain(&opts.paths) {
            if dir.is_dir() {
                store.extend(fonts::scan(dir).map(mapped));
            }
        }
        Fonts { store }
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }

    /// Whether a family (case-insensitive, as Typst matches it) is available.
    pub fn has_family(&self, family: &str) -> bool {
        self.book().contains_family(&family.to_lowercase())
    }

    /// A stable fingerprint of the font set (family names and counts), for build caches.
    pub fn fingerprint(&self) -> String {
        let mut names: Vec<String> = self
            .book()
            .families()
            .map(|(name, infos)| format!("{name}:{}", infos.count()))
            .collect();
        names.sort();
        names.join(",")
    }
}

fn mapped((path, info): (FontPath, FontInfo)) -> (MappedFont, FontInfo) {
    (MappedFont(path), info)
}

/// A font file mapped into memory instead of read whole (typst-kit's `FontPath` reads it). The
/// CJK faces come in 15–27 MB files of which a document touches a few hundred glyphs: reading
/// them into fresh memory (copies and page faults) cost a cold one-article build about a tenth
/// of its time.
struct MappedFont(FontPath);

impl FontSource for MappedFont {
    fn load(&self) -> Option<Font> {
        let file = File::open(&self.0.path).ok()?;
        // SAFETY: the mapping is read-only and font files are not rewritten while galley runs.
        // Were one truncated under us, reading the lost pages would fault, the hazard fontdb
        // already accepts when it maps the same files to scan them.
        match unsafe { Mmap::map(&file) } {
            Ok(map) => Font::new(Bytes::new(map), self.0.index),
            Err(_) => self.0.load(),
        }
    }
}

/// The Debian package that provides a font family, for error messages.
pub fn package_for(family: &str) -> &'static str {
    let f = family.to_lowercase();
    if f.contains("noto") && f.contains("cjk") {
        "fonts-noto-cjk"
    } else if f.contains("lxgw") || f.contains("wenkai") {
        "fonts-lxgw-wenkai"
    } else {
        "a package providing it (or put the font files in styles/fonts/ or --font-path)"
    }
}
