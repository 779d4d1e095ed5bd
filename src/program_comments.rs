//! The generated Python program with its comments in Korean, for the Korean
//! page: the code is the same line for line (the replay's highlighted line
//! stays right), only the text after each `#` changes.

use crate::program_comments_ko::KOREAN;

/// `program` with every comment it knows in Korean. A run of whole-line
/// comments is translated as one text (Korean word order differs from
/// English), and keeps its line count so that the lines below keep their
/// numbers. A comment with no translation stays in English.
///
/// # Examples
///
/// ```
/// use futures_lab::program_comments::in_korean;
///
/// let program = "for f in done:\n    pass  # show() prints it\nprint('# not a comment')\n";
/// assert_eq!(
///     in_korean(program),
///     "for f in done:\n    pass  # 출력은 show()가 합니다\nprint('# not a comment')\n"
/// );
/// ```
pub fn in_korean(program: &str) -> String {
    let lines: Vec<&str> = program.split_inclusive('\n').collect();
    let mut out = String::with_capacity(program.len() * 5 / 4);
    let mut at = 0;
    while at < lines.len() {
        // A block of whole-line comments at one indentation.
        let block_end = whole_line_block(&lines, at);
        if block_end > at {
            out.push_str(&block_in_korean(&lines[at..block_end]));
            at = block_end;
            continue;
        }
        let line = lines[at];
        match comment_start(line) {
            Some(hash) => {
                let (code, comment) = line.split_at(hash);
                let (text, end) = split_line_end(&comment[1..]);
                let korean =
                    translate(text.trim(), false).unwrap_or_else(|| text.trim().to_owned());
                out.push_str(code);
                out.push_str("# ");
                out.push_str(&korean);
                out.push_str(end);
            }
            None => out.push_str(line),
        }
        at += 1;
    }
    out
}

/// The end of the run of whole-line comments starting at `from` with the
/// same indentation (`from` itself if that line is not one).
fn whole_line_block(lines: &[&str], from: usize) -> usize {
    let indent = |line: &str| line.len() - line.trim_start().len();
    let is_comment = |line: &str| line.trim_start().starts_with('#');
    let Some(first) = lines.get(from).filter(|l| is_comment(l)) else {
        return from;
    };
    let width = indent(first);
    let mut end = from + 1;
    while lines
        .get(end)
        .is_some_and(|l| is_comment(l) && indent(l) == width)
    {
        end += 1;
    }
    end
}

/// A block of whole-line comments in Korean: the whole block's text if it
/// is known, else each line on its own; always as many lines as it had.
fn block_in_korean(block: &[&str]) -> String {
    let first = block[0];
    let indent = &first[..first.len() - first.trim_start().len()];
    let texts: Vec<&str> = block
        .iter()
        .map(|line| {
            split_line_end(line.trim_start())
                .0
                .trim_start_matches('#')
                .trim()
        })
        .collect();
    let end = split_line_end(block[block.len() - 1]).1;
    let joined = texts.join(" ");
    let korean_lines: Vec<String> = match translate(&joined, block.len() > 1) {
        Some(korean) => spread(&korean, block.len()),
        None => texts
            .iter()
            .map(|text| translate(text, false).unwrap_or_else(|| (*text).to_owned()))
            .collect(),
    };
    let count = korean_lines.len();
    korean_lines
        .into_iter()
        .enumerate()
        .map(|(index, text)| {
            let newline = if index + 1 == count { end } else { "\n" };
            if text.is_empty() {
                format!("{indent}#{newline}")
            } else {
                format!("{indent}# {text}{newline}")
            }
        })
        .collect()
}

/// `text` cut at spaces into `lines` lines of about equal length (the last
/// ones empty if there are too few words).
fn spread(text: &str, lines: usize) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let total: usize = text.chars().count();
    let mut out = Vec::with_capacity(lines);
    let mut current = String::new();
    let mut written = 0;
    for word in words {
        let target = total * (out.len() + 1) / lines;
        if !current.is_empty() && out.len() + 1 < lines && written >= target {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
            written += 1;
        }
        current.push_str(word);
        written += word.chars().count();
    }
    out.push(current);
    out.resize(lines, String::new());
    out
}

/// The byte where a line's comment starts: a `#` outside any string.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return Some(at),
            None => {}
        }
    }
    None
}

/// A line's text and its line ending.
fn split_line_end(line: &str) -> (&str, &str) {
    match line.strip_suffix('\n') {
        Some(text) => (text, "\n"),
        None => (line, ""),
    }
}

/// The Korean of an English comment, if known. A `{}` in a known English
/// text stands for any text (one word only in the text of a block of lines,
/// so that a one-line entry does not swallow the lines after it), put in
/// the same place of the Korean.
fn translate(english: &str, block: bool) -> Option<String> {
    KOREAN.iter().find_map(|(pattern, korean)| {
        let holes = fill(pattern, english, block)?;
        let mut out = String::new();
        let mut holes = holes.into_iter();
        let mut pieces = korean.split("{}").peekable();
        while let Some(piece) = pieces.next() {
            out.push_str(piece);
            if pieces.peek().is_some() {
                out.push_str(holes.next().unwrap_or_default());
            }
        }
        Some(out)
    })
}

/// The texts standing for each `{}` of `pattern` in `text`, if it matches.
/// With `one_word`, a hole matches no space.
fn fill<'a>(pattern: &str, text: &'a str, one_word: bool) -> Option<Vec<&'a str>> {
    let mut pieces = pattern.split("{}");
    let first = pieces.next().unwrap_or_default();
    let mut rest = text.strip_prefix(first)?;
    let mut holes = Vec::new();
    let pieces: Vec<&str> = pieces.collect();
    for (index, piece) in pieces.iter().enumerate() {
        let last = index + 1 == pieces.len();
        let at = if last {
            if !rest.ends_with(piece) {
                return None;
            }
            rest.len() - piece.len()
        } else {
            rest.find(piece)?
        };
        if one_word && rest[..at].contains(' ') {
            return None;
        }
        holes.push(&rest[..at]);
        rest = &rest[at + piece.len()..];
    }
    (pieces.is_empty() && rest.is_empty() || !pieces.is_empty()).then_some(holes)
}
