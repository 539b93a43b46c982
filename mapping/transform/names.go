package transform

import (
	"strings"
)

// Name particles that belong to the family name ("van Beethoven").
var particles = map[string]bool{
	"van": true, "von": true, "de": true, "der": true, "den": true, "del": true, "della": true,
	"di": true, "da": true, "du": true, "la": true, "le": true, "ter": true, "ten": true,
	"bin": true, "al": true, "dos": true, "das": true, "y": true, "zu": true,
}

// Suffixes that stay with the family name ("King Jr.").
var suffixes = map[string]bool{
	"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true,
}

// Titles dropped in front of a name.
var titles = map[string]bool{
	"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true,
	"dr": true, "dr.": true, "prof": true, "prof.": true, "herr": true, "frau": true,
}

// splitName splits a personal name into given and family parts. "Last,
// First" is honoured; otherwise the last word (with particles before it
// and suffixes after it) is the family name, everything before it the
// given names. Titles (Mr, Dr, Prof, ...) are dropped. One word: it is the
// given name and the family name is "".
func splitName(full string) (first, last string) {
	full = strings.TrimFunc(full, isTrimSpace)
	if before, after, ok := strings.Cut(full, ","); ok {
		l := strings.Join(strings.Fields(before), " ")
		f := strings.Join(strings.Fields(after), " ")
		if l != "" && f != "" && !suffixes[strings.ToLower(f)] {
			return f, l
		}
	}
	words := strings.Fields(strings.ReplaceAll(full, ",", " "))
	for len(words) > 1 && titles[strings.ToLower(words[0])] {
		words = words[1:]
	}
	if len(words) == 0 {
		return "", ""
	}
	if len(words) == 1 {
		return words[0], ""
	}
	end := len(words) - 1
	for end > 1 && suffixes[strings.ToLower(words[end])] {
		end--
	}
	start := end
	for start > 1 && particles[words[start-1]] {
		start--
	}
	return strings.Join(words[:start], " "), strings.Join(words[start:], " ")
}

func nameArg(fn string, args []any) (string, bool, error) {
	s, isNil, err := strOrNil(fn, args)
	return s, !isNil && err == nil, err
}

func splitNameFn(args []any) (any, error) {
	s, ok, err := nameArg("split_name", args)
	if !ok {
		return nil, err
	}
	f, l := splitName(s)
	return map[string]any{"first": f, "last": l}, nil
}

func firstName(args []any) (any, error) {
	s, ok, err := nameArg("first_name", args)
	if !ok {
		return nil, err
	}
	f, _ := splitName(s)
	return f, nil
}

func lastName(args []any) (any, error) {
	s, ok, err := nameArg("last_name", args)
	if !ok {
		return nil, err
	}
	_, l := splitName(s)
	return l, nil
}
