package value

import "unsafe"

// arenaSize is the size of one text arena. The strings of a record are
// views into an arena, so one string kept (a report's example value) keeps
// its whole arena alive: small arenas bound what examples pin.
const arenaSize = 64 << 10

// textArena hands out the bytes that the readers turn into strings
// without copying them again: a record's text is appended into the free
// tail of the current arena (start), then frozen (freeze) and never
// written again, so the strings made from it stay valid. A reader
// allocates one arena per arenaSize bytes of text, not one string per
// record.
type textArena struct {
	b []byte
}

// start returns an empty slice whose capacity is the arena's free tail:
// appending up to that capacity writes into the arena; beyond it append
// moves to a fresh array, which freeze then hands out on its own.
func (a *textArena) start(need int) []byte {
	if cap(a.b)-len(a.b) < max(need, 512) {
		a.b = make([]byte, 0, max(arenaSize, need))
	}
	return a.b[len(a.b):len(a.b)]
}

// freeze makes b (from start, appended to) a string and marks its bytes
// as used. b must not be modified afterwards.
func (a *textArena) freeze(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	// When append moved b to an array of its own, that array belongs to
	// the string now and the arena's tail is still free.
	free := a.b[len(a.b):cap(a.b)]
	if len(free) > 0 && &free[0] == &b[0] && len(b) <= len(free) {
		a.b = a.b[:len(a.b)+len(b)]
	}
	return unsafe.String(&b[0], len(b))
}

// bytesString is b as a string without a copy; b must never be modified
// again (a chunk's data).
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Arena makes strings in blocks of 64 KiB instead of one allocation
// each: every string it returns is a view into a block that is never
// written again, so it stays valid as long as it is referenced (and keeps
// its block alive). One Arena per goroutine.
type Arena struct {
	a textArena
}

// Concat returns x + y.
func (a *Arena) Concat(x, y string) string {
	n := len(x) + len(y)
	if n == 0 {
		return ""
	}
	if n > arenaSize/4 {
		return x + y // a block of its own
	}
	b := append(append(a.a.start(n), x...), y...)
	return a.a.freeze(b)
}

// ASCIICase returns s, which must be ASCII, in upper or lower case.
func (a *Arena) ASCIICase(s string, upper bool) string {
	if len(s) > arenaSize/4 {
		b := []byte(s)
		asciiCase(b, upper)
		return string(b)
	}
	b := append(a.a.start(len(s)), s...)
	asciiCase(b, upper)
	return a.a.freeze(b)
}

func asciiCase(b []byte, upper bool) {
	for i, c := range b {
		switch {
		case upper && c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		case !upper && c >= 'A' && c <= 'Z':
			b[i] = c - 'A' + 'a'
		}
	}
}
