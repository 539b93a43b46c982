package schema_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
)

func TestShow(t *testing.T) {
	for _, ref := range []string{os.Getenv("REF")} {
		s, err := schema.Load(ref, schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range s.Flatten() {
			n++
			if n < 60 || os.Getenv("ALL") != "" {
				fmt.Printf("%-50s %-14s %-40s %s\n", f.Path, f.TypeString(), f.Constraints(), f.Origin)
			}
		}
		fmt.Println(s.Name, s.Format, n, "fields")
	}
}
