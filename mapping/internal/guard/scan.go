package guard

import "fmt"

// MaxDepth bounds the nesting of YAML and JSON documents (collections
// inside collections). Real schemas and mappings stay far below it; the
// YAML parser's memory grows with the square of the depth, so the bound is
// checked before it runs.
const MaxDepth = 512

// MaxAliases bounds the aliases (*name) of one YAML document.
const MaxAliases = 10000

// MaxTokens bounds the tokens (scalars, indicators, brackets) of one YAML
// document. The YAML parser holds several hundred bytes per token, so this
// keeps its memory near 1 GiB at worst; the largest real OpenAPI documents
// seen have well under a million.
const MaxTokens = 2000000

// ScanError is a document refused by a pre-scan, with its position.
type ScanError struct {
	Line, Col int
	Msg       string
}

func (e *ScanError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// CheckYAML scans YAML (or JSON) text for nesting deeper than MaxDepth and
// more than MaxAliases aliases, in one pass and constant memory apart from
// the indentation stack. It over-estimates rather than misses: block
// indentation levels, compact "- " entries and flow brackets all count.
func CheckYAML(data []byte) error {
	return checkYAML(data, MaxDepth, MaxAliases, MaxTokens)
}

func checkYAML(data []byte, maxDepth, maxAliases, maxTokens int) error {
	var (
		stack   []int // indentation columns of open block nodes
		flow    int   // open [ and {
		quote   byte  // open ' or " (quoted scalars span lines)
		ns      bool  // a node (and so a collection) may start here
		aliases int
		bsSet   bool // inside a block scalar (| or >)
		bsInd   int  // its parent's indentation
		tokens  int
	)
	line := 0
	for start := 0; start < len(data); {
		end := start
		for end < len(data) && data[end] != '\n' {
			end++
		}
		l := data[start:end]
		next := end + 1
		line++
		ind := 0
		for ind < len(l) && (l[ind] == ' ' || l[ind] == '\t') {
			ind++
		}
		blank := ind == len(l) || l[ind] == '\r' || l[ind] == '#'
		if bsSet {
			if blank || ind > bsInd {
				start = next
				continue
			}
			bsSet = false
		}
		i := 0
		if quote == 0 && flow == 0 {
			if blank {
				start = next
				continue
			}
			if ind == 0 && len(l) >= 3 && (string(l[:3]) == "---" || string(l[:3]) == "...") {
				stack = stack[:0]
				i = 3
			} else {
				// Block structure: each "- " or "? " on the line opens a
				// level at its column, as does the line's first node.
				pos := ind
				for {
					for len(stack) > 0 && stack[len(stack)-1] >= pos {
						stack = stack[:len(stack)-1]
					}
					stack = append(stack, pos)
					if len(stack) > maxDepth {
						return &ScanError{line, pos + 1, fmt.Sprintf("nested deeper than %d levels", maxDepth)}
					}
					if pos < len(l) && (l[pos] == '-' || l[pos] == '?') && (pos+1 == len(l) || l[pos+1] == ' ' || l[pos+1] == '\t' || l[pos+1] == '\r') {
						pos++
						for pos < len(l) && (l[pos] == ' ' || l[pos] == '\t') {
							pos++
						}
						if pos < len(l) && l[pos] != '#' && l[pos] != '\r' {
							continue
						}
					}
					break
				}
				i = ind
			}
		}
		if quote == 0 && flow == 0 {
			ns = true // a node may start after the indentation
		}
		sp := true
		for ; i < len(l); i++ {
			c := l[i]
			if quote != 0 {
				switch {
				case quote == '"' && c == '\\':
					i++
				case c == quote && quote == '\'' && i+1 < len(l) && l[i+1] == '\'':
					i++
				case c == quote:
					quote = 0
					ns = false
				}
				sp = false
				continue
			}
			if c == ' ' || c == '\t' || c == '\r' {
				sp = true
				continue
			}
			wasSp := sp
			sp = false
			if wasSp || ns || flow > 0 && isFlowIndicator(c) {
				tokens++
				if tokens > maxTokens {
					return &ScanError{line, i + 1, fmt.Sprintf("more than %d tokens (values, keys and brackets)", maxTokens)}
				}
			}
			if c == '#' && wasSp {
				break // a comment
			}
			switch {
			case ns && (c == '"' || c == '\''):
				quote = c
			case (ns || flow > 0) && (c == '[' || c == '{'):
				flow++
				if len(stack)+flow > maxDepth {
					return &ScanError{line, i + 1, fmt.Sprintf("nested deeper than %d levels", maxDepth)}
				}
				ns = true
			case flow > 0 && (c == ']' || c == '}'):
				flow--
				ns = false
			case flow > 0 && (c == ',' || c == ':'):
				ns = true
			case ns && c == '*':
				aliases++
				if aliases > maxAliases {
					return &ScanError{line, i + 1, fmt.Sprintf("more than %d aliases", maxAliases)}
				}
				ns = false
			case ns && (c == '&' || c == '!'):
				// An anchor or tag: the node itself follows it.
				for i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t' && l[i+1] != '\r' && (flow == 0 || !isFlowIndicator(l[i+1])) {
					i++
				}
			case ns && flow == 0 && (c == '|' || c == '>'):
				bsSet, bsInd = true, ind
				i = len(l)
			case flow == 0 && c == ':' && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t' || l[i+1] == '\r'):
				ns = true
			default:
				ns = false
			}
		}
		start = next
	}
	return nil
}

func isFlowIndicator(c byte) bool {
	return c == '[' || c == ']' || c == '{' || c == '}' || c == ','
}
