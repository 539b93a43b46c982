package synth

import (
	"reflect"
	"testing"
)

func TestPickCover(t *testing.T) {
	sets := [][]string{
		{"rule:a"},
		{"rule:a", "rule:b", "edge:x"},
		{"rule:c"},
		{"rule:b", "edge:x"},
		{"rule:c", "edge:y", "rule:a"},
	}
	// Greedy: set 1 (3 new), then set 4 (c, y: 2 new); nothing else adds.
	if got := PickCover(sets, 5); !reflect.DeepEqual(got, []int{1, 4}) {
		t.Errorf("PickCover(5) = %v, want [1 4]", got)
	}
	if got := PickCover(sets, 1); !reflect.DeepEqual(got, []int{1}) {
		t.Errorf("PickCover(1) = %v, want [1]", got)
	}
	// A tie goes to the earlier set.
	if got := PickCover([][]string{{"a"}, {"b"}}, 1); !reflect.DeepEqual(got, []int{0}) {
		t.Errorf("tie: %v", got)
	}
	if got := PickCover(nil, 3); len(got) != 0 {
		t.Errorf("no sets: %v", got)
	}
}
