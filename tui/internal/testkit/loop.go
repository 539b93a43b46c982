package testkit

import (
	"fmt"
	"sort"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Loop runs a model as tea.Program does, for benchmarks of the UI under
// load: the commands run in goroutines and their messages queue up; the
// caller's goroutine is the UI goroutine and handles them one at a time
// (Pump), between the keys it sends and times (Key). Unlike Settle it
// never waits for background work to end.
type Loop struct {
	up   Updater
	msgs chan tea.Msg
	// Msgs counts the messages handled; Slowest is the longest Update of
	// one of them.
	Msgs    int
	Slowest time.Duration
	// SlowestMsg is the type of that message.
	SlowestMsg string
}

// NewLoop returns a loop over up.
func NewLoop(up Updater) *Loop { return &Loop{up: up, msgs: make(chan tea.Msg, 1024)} }

// Start runs cmd in the background; its messages wait for Pump.
func (l *Loop) Start(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() { l.msgs <- cmd() }()
}

// Pump handles every message waiting, without waiting for more.
func (l *Loop) Pump() {
	for {
		select {
		case msg := <-l.msgs:
			l.handle(msg)
		default:
			return
		}
	}
}

func (l *Loop) handle(msg tea.Msg) {
	if seq := sequence(msg); seq != nil {
		go func() {
			for _, c := range seq {
				if c != nil {
					m := c()
					if inner := sequence(m); inner != nil {
						for _, ic := range inner {
							if ic != nil {
								l.msgs <- ic()
							}
						}
						continue
					}
					l.msgs <- m
				}
			}
		}()
		return
	}
	switch m := msg.(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range m {
			l.Start(c)
		}
	default:
		if strings.HasPrefix(fmt.Sprintf("%T", m), "cursor.") {
			return
		}
		start := time.Now()
		cmd := l.up(m)
		if d := time.Since(start); d > l.Slowest {
			l.Slowest, l.SlowestMsg = d, fmt.Sprintf("%T", m)
		}
		l.Msgs++
		l.Start(cmd)
	}
}

// Key handles the messages waiting, then sends key and renders with view;
// it returns how long the key's Update and the View took together.
func (l *Loop) Key(key tea.Msg, view func() string) time.Duration {
	l.Pump()
	start := time.Now()
	cmd := l.up(key)
	_ = view()
	d := time.Since(start)
	l.Start(cmd)
	return d
}

// Percentile returns the p-th percentile (0-100) of ds, sorting ds.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	i := int(float64(len(ds)-1) * p / 100)
	return ds[i]
}
