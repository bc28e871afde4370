//! The words this connection knows the vocabulary table holds, so that storing an article
//! inserts only the words the cache has not met before: after the first few hundred articles
//! of a site, nearly none. Words are never taken out of the vocabulary, so what was known
//! stays true; a word is known only once the transaction that added it has committed.

use rustc_hash::FxHashSet;

/// Words remembered at most (a few MiB): past it the memory starts afresh, and words are
/// inserted again (harmlessly: the insert ignores a word already there) until relearned.
const MAX_KNOWN: usize = 100_000;

#[derive(Debug, Default)]
pub(super) struct KnownWords {
    words: FxHashSet<String>,
    /// Words added by the transaction under way, known once it commits.
    staged: Vec<String>,
}

impl KnownWords {
    /// Whether `word` is in the vocabulary for certain.
    pub fn knows(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// A word the transaction under way adds.
    pub fn stage(&mut self, word: String) {
        self.staged.push(word);
    }

    /// The transaction committed: what it added is known.
    pub fn commit(&mut self) {
        if self.words.len() + self.staged.len() > MAX_KNOWN {
            self.words.clear();
        }
        self.words.extend(self.staged.drain(..));
    }

    /// A transaction begins: anything staged by one that did not commit is forgotten.
    pub fn begin(&mut self) {
        self.staged.clear();
    }
}
