package suggest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"github.com/seamhq/seam/mapping/internal/guard"
	"io"
	"path/filepath"
	"sort"
	"strings"
)

// TruthRow is one row of a ground-truth table (GROUND_TRUTH_P1.md format):
// pair,source_path,target_path,kind,confidence,alternates.
//
// A row with a target is a positive; an n:1 or 1:n row lists several
// paths joined with "+" and is expanded into single pairs. A row with an
// empty target (kind "abstain") is a source that must stay unmapped; a
// row with an empty source is a target that must stay unfilled. Both are
// decoys when mapped. Alternates ("|" or ";" separated) are other targets
// that also count as correct for the row's source.
type TruthRow struct {
	Pair       string
	Sources    []string
	Targets    []string
	Kind       string
	Confidence string // H, M, L
	Alternates []string
	// Line in the file, for messages.
	Line int
}

// Abstain reports a row that says "leave unmapped".
func (r TruthRow) Abstain() bool { return len(r.Targets) == 0 || len(r.Sources) == 0 }

// LoadTruth reads a ground-truth CSV, or the ```csv blocks of a Markdown
// file such as GROUND_TRUTH_P1.md.
func LoadTruth(path string) ([]TruthRow, error) {
	data, err := guard.ReadUserFile(path, guard.MaxDocBytes)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(filepath.Ext(path), ".md") {
		return parseMarkdownTruth(path, data)
	}
	return ParseTruth(path, data, 0)
}

func parseMarkdownTruth(path string, data []byte) ([]TruthRow, error) {
	var out []TruthRow
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	in := false
	var block bytes.Buffer
	start := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		switch {
		case !in && strings.HasPrefix(t, "```csv"):
			in, start = true, line
			block.Reset()
		case in && strings.HasPrefix(t, "```"):
			in = false
			rows, err := ParseTruth(path, block.Bytes(), start)
			if err != nil {
				return nil, err
			}
			out = append(out, rows...)
		case in:
			block.WriteString(sc.Text())
			block.WriteByte('\n')
		}
	}
	if in {
		return nil, fmt.Errorf("%s:%d: unterminated ```csv block", path, start)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no ```csv block with ground truth", path)
	}
	return out, nil
}

var truthHeader = []string{"pair", "source_path", "target_path", "kind", "confidence", "alternates"}

// ParseTruth parses ground-truth CSV text; lineOffset shifts reported
// line numbers (for blocks inside Markdown).
func ParseTruth(name string, data []byte, lineOffset int) ([]TruthRow, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.Comment = '#'
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s:%d: reading header: %w", name, lineOffset+1, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.ToLower(h))] = i
	}
	for _, h := range truthHeader[:4] {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s:%d: header lacks column %q (want %s)", name, lineOffset+1, h, strings.Join(truthHeader, ","))
		}
	}
	get := func(rec []string, k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []TruthRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, lineOffset+line, err)
		}
		row := TruthRow{
			Pair: get(rec, "pair"), Sources: splitPaths(get(rec, "source_path"), "+"),
			Targets: splitPaths(get(rec, "target_path"), "+"), Kind: get(rec, "kind"),
			Confidence: get(rec, "confidence"), Alternates: splitPaths(get(rec, "alternates"), "|;"),
			Line: lineOffset + line,
		}
		for i, t := range row.Targets {
			if t == "—" || t == "-" {
				row.Targets = append(row.Targets[:i:i], row.Targets[i+1:]...)
			}
		}
		if len(row.Sources) == 0 && len(row.Targets) == 0 {
			return nil, fmt.Errorf("%s:%d: row has neither source_path nor target_path", name, row.Line)
		}
		out = append(out, row)
	}
	return out, nil
}

func splitPaths(s, seps string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// FilterPair returns the rows of one pair ("P1").
func FilterPair(rows []TruthRow, pair string) []TruthRow {
	var out []TruthRow
	for _, r := range rows {
		if r.Pair == pair {
			out = append(out, r)
		}
	}
	return out
}

// Score is the quality of proposals against ground truth.
type Score struct {
	Precision, Recall, F1 float64
	// AbstentionAccuracy: the share of "leave unmapped" rows left unmapped
	// (1 when there are none).
	AbstentionAccuracy float64
	TP, FP, FN         int
	// Decoys counts "leave unmapped" rows that a proposal mapped;
	// DecoysHigh those mapped at confidence 0.8 or more.
	Decoys, DecoysHigh int
	// Wrong lists false positives, misses and mapped decoys, for logs.
	Wrong []string
}

// Evaluate scores proposals against ground truth. Proposals are expanded
// into (source, target) pairs. A predicted pair is a true positive when it
// equals a positive row's pair or names one of its alternates (each
// positive counts once); otherwise it is a false positive if the truth
// mentions its source or its target at all (pairs between fields the truth
// never mentions, such as provider wrappers, are not scored). Positive
// pairs not predicted are false negatives.
func Evaluate(props []Proposal, truth []TruthRow) Score {
	type pair struct {
		s, t string
		conf float64
	}
	var predicted []pair
	for _, p := range props {
		for _, s := range p.Sources {
			for _, t := range p.Targets {
				predicted = append(predicted, pair{s, t, p.Confidence})
			}
		}
	}
	type pos struct {
		s   string
		ts  map[string]bool
		hit bool
		row int
	}
	var positives []*pos
	var mentionedS, mentionedT []string
	var abstains []TruthRow
	for _, r := range truth {
		mentionedS = append(mentionedS, r.Sources...)
		mentionedT = append(mentionedT, r.Targets...)
		if r.Abstain() {
			abstains = append(abstains, r)
			continue
		}
		for _, s := range r.Sources {
			for _, t := range r.Targets {
				p := &pos{s: s, ts: map[string]bool{t: true}, row: r.Line}
				for _, a := range r.Alternates {
					p.ts[a] = true
					mentionedT = append(mentionedT, a)
				}
				positives = append(positives, p)
			}
		}
	}
	var sc Score
	for _, pr := range predicted {
		matched := false
		for _, p := range positives {
			if !p.hit && p.s == pr.s && p.ts[pr.t] {
				p.hit, matched = true, true
				break
			}
		}
		if matched {
			sc.TP++
			continue
		}
		if contains(mentionedS, pr.s) || contains(mentionedT, pr.t) {
			sc.FP++
			sc.Wrong = append(sc.Wrong, "false positive: "+pr.s+" -> "+pr.t)
		}
	}
	for _, p := range positives {
		if !p.hit {
			sc.FN++
			var ts []string
			for t := range p.ts {
				ts = append(ts, t)
			}
			sort.Strings(ts)
			sc.Wrong = append(sc.Wrong, "missed: "+p.s+" -> "+strings.Join(ts, "|"))
		}
	}
	okAbstain := 0
	for _, r := range abstains {
		mapped := false
		for _, pr := range predicted {
			if len(r.Sources) > 0 && contains(r.Sources, pr.s) || len(r.Targets) > 0 && contains(r.Targets, pr.t) {
				mapped = true
				sc.Wrong = append(sc.Wrong, fmt.Sprintf("decoy mapped: %s -> %s (%.2f)", pr.s, pr.t, pr.conf))
				if pr.conf >= 0.8 {
					sc.DecoysHigh++
				}
				break
			}
		}
		if mapped {
			sc.Decoys++
		} else {
			okAbstain++
		}
	}
	if sc.TP+sc.FP > 0 {
		sc.Precision = float64(sc.TP) / float64(sc.TP+sc.FP)
	}
	if sc.TP+sc.FN > 0 {
		sc.Recall = float64(sc.TP) / float64(sc.TP+sc.FN)
	}
	if sc.Precision+sc.Recall > 0 {
		sc.F1 = 2 * sc.Precision * sc.Recall / (sc.Precision + sc.Recall)
	}
	sc.AbstentionAccuracy = 1
	if len(abstains) > 0 {
		sc.AbstentionAccuracy = float64(okAbstain) / float64(len(abstains))
	}
	return sc
}

// contains matches a path or any path below it ("photo" covers
// "photo.url").
func contains(paths []string, p string) bool {
	for _, x := range paths {
		if x == p || strings.HasPrefix(p, x+".") || strings.HasPrefix(p, x+"[]") {
			return true
		}
	}
	return false
}
