package schema

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies SQL tokens.
type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tQuoted // "x", `x`, [x]
	tString // 'x'
	tNumber
	tPunct // ( ) , ; . and operators
)

// sqlTok is one SQL token with its position.
type sqlTok struct {
	kind      tokKind
	text      string // identifiers as written; strings unquoted
	line, col int
}

// is reports an unquoted keyword match (case-insensitive).
func (t sqlTok) is(kw string) bool { return t.kind == tIdent && strings.EqualFold(t.text, kw) }

// isP reports a punctuation token.
func (t sqlTok) isP(p string) bool { return t.kind == tPunct && t.text == p }

// sqlLexer splits SQL into tokens. It knows the comment and quoting rules of
// PostgreSQL, MySQL, SQLite and SQL Server, dollar-quoted bodies, and skips
// the data lines of COPY ... FROM stdin blocks.
type sqlLexer struct {
	src       string
	off       int
	line, col int
	err       error
	file      string
}

func newSQLLexer(file, src string) *sqlLexer {
	return &sqlLexer{src: src, line: 1, col: 1, file: file}
}

func (l *sqlLexer) advance(n int) {
	for i := 0; i < n && l.off < len(l.src); i++ {
		if l.src[l.off] == '\n' {
			l.line++
			l.col = 1
		} else if l.src[l.off]&0xC0 != 0x80 {
			l.col++
		}
		l.off++
	}
}

// skipCopyData skips the rows that follow "COPY ... FROM stdin;" up to
// the "\." line.
func (l *sqlLexer) skipCopyData() {
	for l.off < len(l.src) {
		end := strings.IndexByte(l.src[l.off:], '\n')
		line := l.src[l.off:]
		if end >= 0 {
			line = l.src[l.off : l.off+end]
		}
		if strings.TrimRight(line, "\r") == `\.` {
			l.advance(len(line) + 1)
			return
		}
		if end < 0 {
			l.advance(len(line))
			return
		}
		l.advance(end + 1)
	}
}

// next returns the next token; tEOF at the end. Unterminated strings and
// comments set l.err.
func (l *sqlLexer) next() sqlTok {
	for l.off < len(l.src) {
		c := l.src[l.off]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v':
			l.advance(1)
		case c == '-' && strings.HasPrefix(l.src[l.off:], "--"):
			end := strings.IndexByte(l.src[l.off:], '\n')
			if end < 0 {
				end = len(l.src) - l.off
			}
			l.advance(end)
		case c == '#' && l.col == 1:
			// MySQL comment at the start of a line.
			end := strings.IndexByte(l.src[l.off:], '\n')
			if end < 0 {
				end = len(l.src) - l.off
			}
			l.advance(end)
		case c == '/' && strings.HasPrefix(l.src[l.off:], "/*"):
			line, col := l.line, l.col
			end := strings.Index(l.src[l.off+2:], "*/")
			if end < 0 {
				l.err = errAt(l.file, line, col, "unterminated /* comment; expected */")
				l.advance(len(l.src) - l.off)
				return sqlTok{kind: tEOF, line: l.line, col: l.col}
			}
			l.advance(end + 4)
		default:
			return l.token()
		}
	}
	return sqlTok{kind: tEOF, line: l.line, col: l.col}
}

func (l *sqlLexer) token() sqlTok {
	line, col := l.line, l.col
	rest := l.src[l.off:]
	c := rest[0]
	tok := sqlTok{line: line, col: col}
	switch {
	case c == '\'' || (c == 'E' || c == 'e' || c == 'N' || c == 'n') && len(rest) > 1 && rest[1] == '\'':
		start := 1
		if c != '\'' {
			start = 2
		}
		var b strings.Builder
		i := start
		for {
			if i >= len(rest) {
				l.err = errAt(l.file, line, col, "unterminated string literal; expected a closing '")
				l.advance(len(rest))
				return sqlTok{kind: tEOF, line: l.line, col: l.col}
			}
			if rest[i] == '\\' && i+1 < len(rest) && start == 2 {
				b.WriteByte(rest[i+1])
				i += 2
				continue
			}
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					b.WriteByte('\'')
					i += 2
					continue
				}
				break
			}
			b.WriteByte(rest[i])
			i++
		}
		tok.kind, tok.text = tString, b.String()
		l.advance(i + 1)
	case c == '[' && (len(rest) > 1 && (rest[1] == ']' || rest[1] >= '0' && rest[1] <= '9' || rest[1] == '\'') || l.off > 0 && isIdentPart(rune(l.src[l.off-1]))):
		// Array brackets: text[], int[3], ARRAY['a'].
		tok.kind, tok.text = tPunct, "["
		l.advance(1)
	case c == '"' || c == '`' || c == '[':
		closeCh := c
		if c == '[' {
			closeCh = ']'
		}
		// A doubled closing character stands for itself: "a""b" is a"b,
		// `a``b` is a`b, [a]]b] is a]b.
		var b strings.Builder
		i := 1
		for {
			end := strings.IndexByte(rest[i:], closeCh)
			if end < 0 {
				l.err = errAt(l.file, line, col, "unterminated quoted identifier; expected a closing %c", closeCh)
				l.advance(len(rest))
				return sqlTok{kind: tEOF, line: l.line, col: l.col}
			}
			b.WriteString(rest[i : i+end+1])
			i += end + 1
			if i < len(rest) && rest[i] == closeCh {
				i++
				continue
			}
			break
		}
		tok.kind, tok.text = tQuoted, strings.TrimSuffix(b.String(), string(closeCh))
		l.advance(i)
	case c == '$' && len(rest) > 1 && (rest[1] == '$' || isIdentStart(rune(rest[1]))):
		// Dollar quoting: $$...$$ or $tag$...$tag$.
		j := strings.IndexByte(rest[1:], '$')
		if j >= 0 && isTag(rest[1:1+j]) {
			tag := rest[:j+2]
			end := strings.Index(rest[len(tag):], tag)
			if end < 0 {
				l.err = errAt(l.file, line, col, "unterminated dollar-quoted string; expected %s", tag)
				l.advance(len(rest))
				return sqlTok{kind: tEOF, line: l.line, col: l.col}
			}
			tok.kind, tok.text = tString, rest[len(tag):len(tag)+end]
			l.advance(len(tag)*2 + end)
			return tok
		}
		tok.kind, tok.text = tPunct, "$"
		l.advance(1)
	case c >= '0' && c <= '9' || c == '.' && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9':
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.' || rest[i] == 'e' || rest[i] == 'E' ||
			(rest[i] == '-' || rest[i] == '+') && i > 0 && (rest[i-1] == 'e' || rest[i-1] == 'E')) {
			i++
		}
		tok.kind, tok.text = tNumber, rest[:i]
		l.advance(i)
	default:
		r, size := utf8.DecodeRuneInString(rest)
		if isIdentStart(r) {
			i := size
			for i < len(rest) {
				r2, s2 := utf8.DecodeRuneInString(rest[i:])
				if !isIdentPart(r2) {
					break
				}
				i += s2
			}
			tok.kind, tok.text = tIdent, rest[:i]
			l.advance(i)
			return tok
		}
		if strings.HasPrefix(rest, "::") {
			tok.kind, tok.text = tPunct, "::"
			l.advance(2)
			return tok
		}
		tok.kind, tok.text = tPunct, string(r)
		l.advance(size)
	}
	return tok
}

func isTag(s string) bool {
	for _, r := range s {
		if !isIdentPart(r) {
			return false
		}
	}
	return true
}

func isIdentStart(r rune) bool {
	return r == '_' || r == '@' || unicode.IsLetter(r)
}

func isIdentPart(r rune) bool {
	return r == '_' || r == '$' || r == '@' || r == '#' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
