package transform

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// MaxWidth bounds pad widths and other size arguments, so a rule cannot
// allocate without limit.
const MaxWidth = 1_000_000

// isTrimSpace is unicode white space plus the zero-width space and the
// byte-order mark, which real exports carry at field edges.
func isTrimSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF'
}

func trimWith(name string, side int) func(*Env, []any) (any, error) {
	return func(_ *Env, args []any) (any, error) {
		s, isNil, err := strOrNil(name, args)
		if isNil || err != nil {
			return nil, err
		}
		var r string
		if len(args) > 1 {
			cut, err := argString(name, args, 1, "chars")
			if err != nil {
				return nil, err
			}
			switch side {
			case 0:
				r = strings.Trim(s, cut)
			case 1:
				r = strings.TrimLeft(s, cut)
			default:
				r = strings.TrimRight(s, cut)
			}
		} else {
			if untrimmed(s, side) {
				return args[0], nil
			}
			switch side {
			case 0:
				r = strings.TrimFunc(s, isTrimSpace)
			case 1:
				r = strings.TrimLeftFunc(s, isTrimSpace)
			default:
				r = strings.TrimRightFunc(s, isTrimSpace)
			}
		}
		if len(r) == len(s) {
			return args[0], nil
		}
		return r, nil
	}
}

// untrimmed reports, from the edge bytes alone, that white-space trimming
// on side (0 both, 1 left, 2 right) would not change s: the common case,
// decided without decoding.
func untrimmed(s string, side int) bool {
	if s == "" {
		return true
	}
	plain := func(c byte) bool { return c < 0x80 && c != ' ' && (c < '\t' || c > '\r') }
	switch side {
	case 1:
		return plain(s[0])
	case 2:
		return plain(s[len(s)-1])
	}
	return plain(s[0]) && plain(s[len(s)-1])
}

// titleCase upper-cases the first letter of each word and lower-cases the
// rest; a word starts after any rune that is not a letter, digit, mark or
// apostrophe.
func titleCase(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '\'' || r == '\u2019' {
			if start {
				b.WriteRune(unicode.ToTitle(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			start = false
			continue
		}
		b.WriteRune(r)
		start = true
	}
	return b.String()
}

func substr(args []any) (any, error) {
	s, isNil, err := strOrNil("substr", args)
	if isNil || err != nil {
		return nil, err
	}
	start, err := argInt("substr", args, 1, "start")
	if err != nil {
		return nil, err
	}
	n := utf8.RuneCountInString(s)
	if start < 0 {
		start += n
		if start < 0 {
			start = 0
		}
	}
	if start > n {
		start = n
	}
	count := n - start
	if len(args) > 2 {
		c, err := argInt("substr", args, 2, "len")
		if err != nil {
			return nil, err
		}
		if c < 0 {
			return nil, errf("substr", "len must not be negative, got %d", c)
		}
		if c < count {
			count = c
		}
	}
	// Walk code points to byte offsets.
	from, to, i := len(s), len(s), 0
	for off := range s {
		if i == start {
			from = off
		}
		if i == start+count {
			to = off
			break
		}
		i++
	}
	if start == n {
		from = len(s)
	}
	if from == 0 && to == len(s) {
		return args[0], nil
	}
	return s[from:to], nil
}

func replaceFn(args []any) (any, error) {
	s, isNil, err := strOrNil("replace", args)
	if isNil || err != nil {
		return nil, err
	}
	old, err := argString("replace", args, 1, "old")
	if err != nil {
		return nil, err
	}
	repl, err := argString("replace", args, 2, "new")
	if err != nil {
		return nil, err
	}
	if old == "" {
		return nil, errf("replace", "old must not be empty")
	}
	n := strings.Count(s, old)
	if n == 0 {
		return args[0], nil
	}
	if err := growBy("replace", s, n, len(old), len(repl)); err != nil {
		return nil, err
	}
	return strings.ReplaceAll(s, old, repl), nil
}

// Regular expressions are compiled once per pattern and cached; the cache
// stops growing at maxRegexps patterns (patterns built from data are then
// compiled per call). Go's regexp is RE2: linear time, no backtracking.
const maxRegexps = 512

var (
	reCache sync.Map // string -> *regexp.Regexp
	reCount atomic.Int64
)

func compileRegexp(fn, pattern string) (*regexp.Regexp, error) {
	if re, ok := reCache.Load(pattern); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, errf(fn, "bad regular expression %q: %v", pattern, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	if reCount.Load() < maxRegexps {
		if _, loaded := reCache.LoadOrStore(pattern, re); !loaded {
			reCount.Add(1)
		}
	}
	return re, nil
}

func regexReplace(args []any) (any, error) {
	s, isNil, err := strOrNil("regex_replace", args)
	if isNil || err != nil {
		return nil, err
	}
	pat, err := argString("regex_replace", args, 1, "pattern")
	if err != nil {
		return nil, err
	}
	repl, err := argString("regex_replace", args, 2, "replacement")
	if err != nil {
		return nil, err
	}
	re, err := compileRegexp("regex_replace", pat)
	if err != nil {
		return nil, err
	}
	// Every position may match (an empty pattern): bound the result
	// before building it, counting the matches only when the cheap bound
	// is too high.
	lit, refs := templateCost(repl)
	if cheap := int64(len(s)) + int64(len(s)+1)*lit + int64(refs)*int64(len(s)); cheap > MaxValueBytes {
		n := regexBound(s, func(f func(string)) {
			re.ReplaceAllStringFunc(s, func(m string) string { f(m); return "" })
		}, repl)
		if err := tooLarge("regex_replace", n); err != nil {
			return nil, err
		}
	}
	return re.ReplaceAllString(s, repl), nil
}

func regexExtract(args []any) (any, error) {
	s, isNil, err := strOrNil("regex_extract", args)
	if isNil || err != nil {
		return nil, err
	}
	pat, err := argString("regex_extract", args, 1, "pattern")
	if err != nil {
		return nil, err
	}
	group := 0
	if len(args) > 2 {
		if group, err = argInt("regex_extract", args, 2, "group"); err != nil {
			return nil, err
		}
	}
	re, err := compileRegexp("regex_extract", pat)
	if err != nil {
		return nil, err
	}
	if group < 0 || group > re.NumSubexp() {
		return nil, errf("regex_extract", "group %d out of range: pattern %q has %d groups", group, pat, re.NumSubexp())
	}
	m := re.FindStringSubmatchIndex(s)
	if m == nil || m[2*group] < 0 {
		return nil, nil
	}
	return s[m[2*group]:m[2*group+1]], nil
}

func split(args []any) (any, error) {
	s, isNil, err := strOrNil("split", args)
	if isNil || err != nil {
		return nil, err
	}
	sep, err := argString("split", args, 1, "sep")
	if err != nil {
		return nil, err
	}
	if sep == "" {
		return nil, errf("split", "sep must not be empty")
	}
	parts := strings.Split(s, sep)
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out, nil
}

func part(args []any) (any, error) {
	s, isNil, err := strOrNil("part", args)
	if isNil || err != nil {
		return nil, err
	}
	sep, err := argString("part", args, 1, "sep")
	if err != nil {
		return nil, err
	}
	if sep == "" {
		return nil, errf("part", "sep must not be empty")
	}
	i, err := argInt("part", args, 2, "index")
	if err != nil {
		return nil, err
	}
	n := strings.Count(s, sep) + 1
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return nil, nil
	}
	for k := 0; k < i; k++ {
		s = s[strings.Index(s, sep)+len(sep):]
	}
	if j := strings.Index(s, sep); j >= 0 {
		s = s[:j]
	}
	return s, nil
}

func concat(args []any) (any, error) {
	var n int64
	for _, a := range args {
		switch x := a.(type) {
		case map[string]any, []any:
			return nil, errf("concat", "cannot concatenate %s", typeName(a))
		case string:
			n += int64(len(x))
		default:
			n += 64 // a number, boolean or date prints short
		}
	}
	if err := tooLarge("concat", n); err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, a := range args {
		b.WriteString(text(a))
	}
	return b.String(), nil
}

func join(args []any) (any, error) {
	if len(args) == 0 || args[0] == nil {
		return nil, nil
	}
	sep, err := argString("join", args, 1, "sep")
	if err != nil {
		return nil, err
	}
	var items []string
	var n int64
	switch l := args[0].(type) {
	case []any:
		for _, e := range l {
			if e == nil {
				continue
			}
			switch e.(type) {
			case map[string]any, []any:
				return nil, errf("join", "cannot join %s elements", typeName(e))
			}
			t := text(e)
			// The elements may all be one long string (map(list, s)):
			// stop before the copy passes the bound.
			if n += int64(len(t)) + int64(len(sep)); n > MaxValueBytes+int64(len(sep)) {
				return nil, &TooLargeError{Op: "join", Bytes: n}
			}
			items = append(items, t)
		}
	case []string:
		items = l
		for _, t := range l {
			n += int64(len(t)) + int64(len(sep))
		}
		if n > MaxValueBytes+int64(len(sep)) {
			return nil, &TooLargeError{Op: "join", Bytes: n}
		}
	default:
		return nil, errf("join", "expects an array, got %s", typeName(l))
	}
	return strings.Join(items, sep), nil
}

func pad(name string, left bool) func(*Env, []any) (any, error) {
	return func(_ *Env, args []any) (any, error) {
		s, isNil, err := strOrNil(name, args)
		if isNil || err != nil {
			return nil, err
		}
		n, err := argInt(name, args, 1, "width")
		if err != nil {
			return nil, err
		}
		if n < 0 || n > MaxWidth {
			return nil, errf(name, "width %d out of range 0..%d", n, MaxWidth)
		}
		fill := " "
		if len(args) > 2 {
			if fill, err = argString(name, args, 2, "char"); err != nil {
				return nil, err
			}
			if utf8.RuneCountInString(fill) != 1 {
				return nil, errf(name, "char must be exactly one character, got %q", fill)
			}
		}
		have := utf8.RuneCountInString(s)
		if have >= n {
			return args[0], nil
		}
		padding := strings.Repeat(fill, n-have)
		if left {
			return padding + s, nil
		}
		return s + padding, nil
	}
}

func lenFn(args []any) (any, error) {
	switch v := args[0].(type) {
	case nil:
		return nil, nil
	case string:
		return utf8.RuneCountInString(v), nil
	case []any:
		return len(v), nil
	case map[string]any:
		return len(v), nil
	default:
		return nil, errf("len", "expects a string, array or object, got %s", typeName(v))
	}
}

func mask(args []any) (any, error) {
	s, isNil, err := strOrNil("mask", args)
	if isNil || err != nil {
		return nil, err
	}
	keep := 4
	if len(args) > 1 {
		if keep, err = argInt("mask", args, 1, "keep_last"); err != nil {
			return nil, err
		}
		if keep < 0 {
			return nil, errf("mask", "keep_last must not be negative, got %d", keep)
		}
	}
	n := utf8.RuneCountInString(s)
	if keep >= n {
		return args[0], nil
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for _, r := range s {
		if i < n-keep {
			b.WriteByte('*')
		} else {
			b.WriteRune(r)
		}
		i++
	}
	return b.String(), nil
}
