//! Byte offsets to line and column, and the text of a line for error messages.
//!
//! The index is built once per source in one pass (the start of every line and whether
//! the line is ASCII); a lookup is a binary search for the line, and the column is the
//! byte distance on an ASCII line or a count of characters on the others, so turning
//! every node of a file into positions is linear in the file's size for ASCII sources.

use super::ast::Pos;

/// Line starts of one source.
pub struct LineIndex<'s> {
    source: &'s str,
    /// Byte offset of the first character of each line.
    starts: Vec<u32>,
    /// Whether each line holds only ASCII characters.
    ascii: Vec<bool>,
}

impl<'s> LineIndex<'s> {
    /// Indexes `source`. A line ends after `\n`, after `\r\n`, or after a lone `\r`, as
    /// Python's tokenizer reads line ends.
    pub fn new(source: &'s str) -> LineIndex<'s> {
        let bytes = source.as_bytes();
        let mut starts = vec![0u32];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let end = match b {
                b'\n' => Some(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(i + 2),
                b'\r' => Some(i + 1),
                _ => None,
            };
            if !b.is_ascii() {
                line_ascii = false;
            }
            match end {
                Some(e) => {
                    starts.push(e as u32);
                    ascii.push(line_ascii);
                    line_ascii = true;
                    i = e;
                }
                None => i += 1,
            }
        }
        ascii.push(line_ascii);
        LineIndex {
            source,
            starts,
            ascii,
        }
    }

    /// The position of byte `offset` (clamped to the source's end).
    pub fn pos(&self, offset: u32) -> Pos {
        let offset = offset.min(self.source.len() as u32);
        let line = match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.starts[line];
        let col = if self.ascii[line] {
            offset - start
        } else {
            let mut end = offset as usize;
            while !self.source.is_char_boundary(end) {
                end -= 1;
            }
            self.source[start as usize..end].chars().count() as u32
        };
        Pos {
            line: line as u32 + 1,
            col: col + 1,
        }
    }

    /// The text of line `line` (1-based) without its line end; empty past the end.
    pub fn line_text(&self, line: u32) -> &'s str {
        let Some(&start) = self.starts.get(line.wrapping_sub(1) as usize) else {
            return "";
        };
        let end = self
            .starts
            .get(line as usize)
            .map_or(self.source.len(), |&e| e as usize);
        self.source[start as usize..end].trim_end_matches(['\n', '\r'])
    }

    /// The number of lines.
    pub fn line_count(&self) -> u32 {
        self.starts.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_every_line_end() {
        let src = "ab\r\nc\rdé f\nx";
        let ix = LineIndex::new(src);
        assert_eq!(ix.pos(0), Pos { line: 1, col: 1 });
        assert_eq!(ix.pos(4), Pos { line: 2, col: 1 });
        assert_eq!(ix.pos(6), Pos { line: 3, col: 1 });
        // `f` is after `dé ` (the é is two bytes): byte 10, character column 4.
        assert_eq!(ix.pos(10), Pos { line: 3, col: 4 });
        assert_eq!(ix.pos(12), Pos { line: 4, col: 1 });
        assert_eq!(ix.line_text(3), "dé f");
        assert_eq!(ix.line_text(1), "ab");
        assert_eq!(ix.line_text(9), "");
        assert_eq!(ix.line_count(), 4);
    }
}
