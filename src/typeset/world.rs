//! The sandboxed Typst `World` for one document.
//!
//! It serves exactly two things: files inside the styles folder (templates, profiles, images a
//! designer put there) and the in-memory data files of this document (`/article.json`, ...).
//! Everything else — absolute paths, `..` escapes, symlinks that leave the folder, packages —
//! fails, so neither article text nor a template can read the rest of the machine.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use super::fonts::Fonts;

/// Template files read from disk, kept for the life of the process (templates do not change
/// during a run, and batch work renders thousands of documents from the same few files).
#[derive(Default)]
pub(crate) struct FileCache {
    files: Mutex<HashMap<FileId, Bytes>>,
}

impl FileCache {
    /// Reads `id` from under `root`, refusing anything that resolves outside it.
    fn read(&self, root: &Path, id: FileId) -> FileResult<Bytes> {
        if let Ok(files) = self.files.lock()
            && let Some(b) = files.get(&id)
        {
            return Ok(b.clone());
        }
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "packages are not available to galley templates".into(),
            )));
        }
        let path = id
            .vpath()
            .realize(root)
            .map_err(|_| FileError::AccessDenied)?;
        let real = path
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &path))?;
        if !real.starts_with(root) {
            return Err(FileError::AccessDenied);
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        let bytes = Bytes::new(std::fs::read(&real).map_err(|e| FileError::from_io(e, &path))?);
        if let Ok(mut files) = self.files.lock() {
            files.insert(id, bytes.clone());
        }
        Ok(bytes)
    }
}

/// One document's view of the world.
pub(crate) struct DocWorld<'a> {
    pub library: &'a LazyHash<Library>,
    pub fonts: &'a Fonts,
    pub cache: &'a FileCache,
    /// Canonical styles folder.
    pub root: &'a Path,
    pub main: FileId,
    /// In-memory files, by virtual path.
    pub data: Vec<(FileId, Bytes)>,
    pub today: Option<Datetime>,
}

/// The file id of a path in the project root (the styles folder).
pub(crate) fn project_file(path: &str) -> Option<FileId> {
    VirtualPath::new(path)
        .ok()
        .map(|vp| RootedPath::new(VirtualRoot::Project, vp).intern())
}

impl DocWorld<'_> {
    fn bytes(&self, id: FileId) -> FileResult<Bytes> {
        if let Some((_, b)) = self.data.iter().find(|(i, _)| *i == id) {
            return Ok(b.clone());
        }
        self.cache.read(self.root, id)
    }

    /// The real path of a file id, for messages.
    pub fn describe(&self, id: FileId) -> PathBuf {
        id.vpath()
            .realize(self.root)
            .unwrap_or_else(|_| PathBuf::from(id.vpath().get_with_slash()))
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let bytes = self.bytes(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.bytes(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
