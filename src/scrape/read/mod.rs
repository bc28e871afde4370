//! The readers: each looks at the parsed page for one kind of thing (the text block, the
//! headline, the breadcrumb, labelled metadata, tags, dates, the list of links …) and proposes
//! what it finds as candidates, with their origin. Readers propose; they never decide the kind
//! of a page.

pub(crate) mod block;
pub(crate) mod copies;
pub(crate) mod crumbs;
pub(crate) mod dates;
pub(crate) mod figures;
pub(crate) mod generic;
pub(crate) mod info;
pub mod labels;
pub(crate) mod list;
pub(crate) mod meta;
pub(crate) mod pages;
pub(crate) mod title;
