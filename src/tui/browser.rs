//! Opening a URL as terminal users expect: `$BROWSER` is a `:`-separated list of commands tried
//! in turn, each with its own arguments, the URL put where `%s` stands (or last); without it,
//! the platform's opener. A text browser runs in the foreground with the terminal handed over.

use std::process::{Command, Stdio};

/// Browsers that draw in the terminal: they get the terminal and the reader waits for them.
const TEXT_BROWSERS: &[&str] = &[
    "w3m",
    "lynx",
    "links",
    "links2",
    "elinks",
    "browsh",
    "carbonyl",
    "www-browser",
];

/// One browser command: the program and its arguments, the URL among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserCommand {
    pub program: String,
    pub args: Vec<String>,
}

impl BrowserCommand {
    /// Whether the browser draws in the terminal.
    pub fn in_terminal(&self) -> bool {
        let name = std::path::Path::new(&self.program)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&self.program);
        TEXT_BROWSERS.contains(&name)
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.args);
        c
    }

    /// Starts a graphical browser in the background, its output kept off the screen.
    pub fn spawn(&self) -> std::io::Result<()> {
        self.command()
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map(|_| ())
    }

    /// Runs a text browser on the terminal and waits for it to end.
    pub fn run_here(&self) -> std::io::Result<std::process::ExitStatus> {
        self.command().status()
    }
}

/// The commands to try for a URL, in order: each of `$BROWSER`'s entries, else the opener.
pub fn commands(browser_var: Option<&str>, url: &str) -> Vec<BrowserCommand> {
    let from_var: Vec<BrowserCommand> = browser_var
        .unwrap_or_default()
        .split(':')
        .filter_map(|entry| command_for(entry, url))
        .collect();
    if !from_var.is_empty() {
        return from_var;
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    vec![BrowserCommand {
        program: opener.into(),
        args: vec![url.into()],
    }]
}

/// One `$BROWSER` entry as a command: words split at spaces (quotes keep spaces in a word),
/// `%s` replaced by the URL and `%%` by `%`; the URL goes last when no `%s` is given.
fn command_for(entry: &str, url: &str) -> Option<BrowserCommand> {
    let mut words = split_words(entry);
    if words.is_empty() {
        return None;
    }
    let mut placed = false;
    for w in &mut words {
        if w.contains("%s") {
            placed = true;
        }
        *w = w
            .replace("%s", "\u{0}")
            .replace("%%", "%")
            .replace('\u{0}', url);
    }
    if !placed {
        words.push(url.to_string());
    }
    let program = words.remove(0);
    Some(BrowserCommand {
        program,
        args: words,
    })
}

/// Words of a command line: split at whitespace, with single or double quotes keeping spaces.
fn split_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quote, mut any) = (Vec::new(), String::new(), None, false);
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            (None, c) => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://en.gxzf.gov.cn/a.html";

    fn cmd(program: &str, args: &[&str]) -> BrowserCommand {
        BrowserCommand {
            program: program.into(),
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }

    /// Arguments, `%s`, `%%`, quotes and a `:`-separated list read as other tools read them.
    #[test]
    fn browser_variable_follows_the_conventions() {
        assert_eq!(commands(Some("firefox"), URL), vec![cmd("firefox", &[URL])]);
        assert_eq!(
            commands(Some("browser.sh --new-tab"), URL),
            vec![cmd("browser.sh", &["--new-tab", URL])]
        );
        assert_eq!(
            commands(Some("chromium --app=%s --x=100%%"), URL),
            vec![cmd("chromium", &[&format!("--app={URL}"), "--x=100%"])]
        );
        assert_eq!(
            commands(Some("w3m:'/opt/my browser/run' -x:"), URL),
            vec![cmd("w3m", &[URL]), cmd("/opt/my browser/run", &["-x", URL])]
        );
        let opener = &commands(Some(" : "), URL)[0];
        assert!(opener.program == "xdg-open" || opener.program == "open");
        assert_eq!(commands(None, URL)[0].args, vec![URL.to_string()]);
    }

    /// Text browsers are known by their program's name, wherever it lives.
    #[test]
    fn text_browsers_get_the_terminal() {
        assert!(cmd("/usr/bin/w3m", &[]).in_terminal());
        assert!(cmd("lynx", &[]).in_terminal());
        assert!(!cmd("firefox", &[]).in_terminal());
    }
}
