package textsafe

import "strings"

// Markdown returns s as literal text for a Markdown document, also inside
// a table cell, so that data cannot add markup: "![t](http://x/p.png)"
// renders as that text, not as an image. First Terminal (control and
// invisible characters, line breaks included, become visible ‹U+XXXX›),
// then a backslash (CommonMark renders "\c" as c for any ASCII punctuation
// c) before:
//   - every character that can open inline markup or break a table cell:
//     \ ` * _ ~ [ ] < > ! | & # $ @ (links, images, code, emphasis,
//     strike-through, HTML and autolinks, entities, math, mentions, e-mail
//     autolinks);
//   - the ':' of "://" and the '.' of "www." (GitHub's bare-URL autolinks);
//   - a leading '-', '+' or '=' and the '.' or ')' of a leading number
//     (list items and setext headings when the text starts a line).
//
// Prose punctuation (. , : ; ( ) ' " / ?) is otherwise left alone so that
// reports stay readable as Markdown source.
func Markdown(s string) string {
	s = Terminal(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	lead := leadingMarker(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		esc := false
		switch c {
		case '\\', '`', '*', '_', '~', '[', ']', '<', '>', '!', '|', '&', '#', '$', '@':
			esc = true
		case ':':
			esc = strings.HasPrefix(s[i+1:], "//")
		case '.':
			esc = i >= 3 && strings.EqualFold(s[i-3:i], "www")
		}
		if i == lead {
			esc = true
		}
		if esc {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// leadingMarker is the index of a character that would make s, at the
// start of a line, a list item or a heading underline: a leading '-', '+'
// or '=', or the '.' or ')' after leading digits; -1 when there is none.
func leadingMarker(s string) int {
	if s == "" {
		return -1
	}
	switch s[0] {
	case '-', '+', '=':
		return 0
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return i
	}
	return -1
}

// MarkdownCode returns s as an inline code span (also inside a table
// cell): control characters as in Terminal, '|' escaped (GitHub splits
// table cells on it even in code), and a backtick fence longer than any
// run of backticks in s. The empty string gives "".
func MarkdownCode(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(Terminal(s), "|", `\|`)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + s + pad + fence
}
