//! Template variables as Tencent writes them: `{1}`, `{2}`, …, numbered from 1 without gaps;
//! `TemplateParamSet[i]` fills `{i+1}`, and Tencent refuses a send whose number of values
//! differs from the template's (`FailedOperation.TemplateParamSetNotMatchApprovedTemplate`).
//!
//! The reading: a variable is `{` + a decimal number without a leading zero + `}`; the same
//! variable written twice is one variable. Other braces are prose (`{name}`, `{ 1 }`, `{}`),
//! except `{0}` and zero-padded numbers such as `{01}`, which look meant as variables but are
//! not numbered as Tencent numbers them: they are reported as odd rather than guessed at.

/// What a template text holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Variables {
    /// The distinct variable numbers, ascending.
    pub numbers: Vec<u32>,
    /// Brace groups that look like variables but are not numbered as Tencent numbers them.
    pub odd: Vec<String>,
}

/// A template text is at most a few hundred characters; a larger number is no variable.
const MAX_DIGITS: usize = 4;

impl Variables {
    pub fn read(text: &str) -> Self {
        let mut out = Self::default();
        // Each part after the first starts right after a `{`: a loop that always ends.
        for after in text.split('{').skip(1) {
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && digits <= MAX_DIGITS && after.as_bytes().get(digits) == Some(&b'}') {
                let number = &after[..digits];
                match number.parse::<u32>() {
                    // `{0}` and `{01}` start with a zero: not numbered as Tencent numbers.
                    Ok(n) if !number.starts_with('0') => {
                        if !out.numbers.contains(&n) {
                            out.numbers.push(n);
                        }
                    }
                    _ => out.odd.push(format!("{{{number}}}")),
                }
            }
        }
        out.numbers.sort_unstable();
        out
    }

    /// How many values Tencent expects: one per distinct variable.
    pub fn count(&self) -> usize {
        self.numbers.len()
    }

    /// `{1}` … `{n}`, each once: the only numbering whose values line up with TemplateParamSet.
    pub fn contiguous(&self) -> bool {
        self.numbers.iter().enumerate().all(|(i, n)| usize::try_from(*n).is_ok_and(|n| n == i + 1))
    }

    /// The numbers that a gap leaves out, e.g. `[2]` for `{1}` `{3}`.
    pub fn missing(&self) -> Vec<u32> {
        let highest = self.numbers.last().copied().unwrap_or(0);
        (1..highest).filter(|n| !self.numbers.contains(n)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<u32> {
        Variables::read(text).numbers
    }

    #[test]
    fn counts_numbered_variables_once_each() {
        assert_eq!(numbers("您的验证码为：{1}，5分钟内有效。"), [1]);
        assert_eq!(numbers("Code {1}, valid for {2} minutes"), [1, 2]);
        assert_eq!(numbers("{1}{2}{3}"), [1, 2, 3]);
        assert_eq!(numbers("{1} again {1}"), [1]);
        assert_eq!(numbers("{2} before {1}"), [1, 2]);
        assert_eq!(numbers("no variables at all"), Vec::<u32>::new());
        assert_eq!(Variables::read("{1} and {1}").count(), 1);
    }

    #[test]
    fn braces_in_prose_are_not_variables() {
        for text in
            ["{name} {}", "{ 1 }", "{1 }", "{-1}", "{1.5}", "{{1}", "{a1}", "{", "}", "{1", "１}", "{１}"]
        {
            let v = Variables::read(text);
            let expected: &[u32] = if text == "{{1}" { &[1] } else { &[] };
            assert_eq!(v.numbers, expected, "{text}");
        }
        // `{{1}}` is a variable inside braces of prose.
        assert_eq!(numbers("{{1}}"), [1]);
        assert_eq!(
            Variables::read("{} {x} {{}}").odd,
            Vec::<String>::new(),
            "empty braces are prose, not odd"
        );
    }

    #[test]
    fn zero_and_zero_padded_numbers_are_odd_not_variables() {
        let v = Variables::read("code {01} or {0} or {007}, then {1}");
        assert_eq!(v.numbers, [1]);
        assert_eq!(v.odd, ["{01}", "{0}", "{007}"]);
        assert!(Variables::read("{10}").odd.is_empty());
        assert_eq!(numbers("{10}"), [10]);
    }

    #[test]
    fn huge_numbers_are_prose() {
        let v = Variables::read("{99999999999999999999} {12345}");
        assert_eq!((v.numbers.len(), v.odd.len()), (0, 0));
    }

    #[test]
    fn a_gap_is_noticed() {
        let v = Variables::read("{1} then {3}");
        assert_eq!((v.count(), v.contiguous(), v.missing()), (2, false, vec![2]));
        let v = Variables::read("{2} only");
        assert_eq!((v.contiguous(), v.missing()), (false, vec![1]));
        assert!(Variables::read("{1}{2}").contiguous());
        assert!(Variables::read("none").contiguous());
    }

    #[test]
    fn never_panics_on_multibyte_text_next_to_braces() {
        for text in ["{中}", "中{1}文", "{1}😀{", "\u{0}{\u{0}1}", "{1}}{{2}}}"] {
            let _ = Variables::read(text);
        }
        assert_eq!(numbers("中{1}文{2}"), [1, 2]);
    }
}
