//! Where rendered output goes: `output` writes it to disk, `check` only inspects it.

use std::path::Path;

/// Where rendered output goes.
pub trait Sink: Sync {
    /// A generated file at a site path (`/thu-tuc/x/` means `thu-tuc/x/index.html`).
    fn write(&self, path: &str, bytes: Vec<u8>);
    /// A file published as it is.
    fn copy(&self, path: &str, from: &Path);
    /// An HTML fragment that several pages repeat (a leaflet in its page and in its bundles).
    /// A sink that minifies pages minifies the fragment here, once, and takes the pages made of
    /// such fragments through `write_assembled`.
    fn fragment(&self, html: String) -> String {
        html
    }
    /// A page put together from `fragment`s and a little template text: not minified again.
    fn write_assembled(&self, path: &str, bytes: Vec<u8>) {
        self.write(path, bytes);
    }
    /// Starts a file that is written in parts, like `write_assembled`, because it grows with
    /// the catalog: a bundle of leaflets, which is written while the leaflets are made, and the
    /// open-data export.
    fn stream<'s>(&'s self, path: &str) -> Box<dyn Stream + 's>;
}

/// A file being written part by part (see [`Sink::stream`]). The parts of a page break only
/// between elements, so a sink that reads the HTML can read each part alone.
pub trait Stream {
    fn push(&mut self, part: &[u8]);
    /// The page is complete.
    fn finish(self: Box<Self>);
}
