package check

import (
	"reflect"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
)

// knownKeys lists the keys allowed in the table at path (nil path: the top
// level), read from the toml tags of content.Front so it cannot drift.
func knownKeys(path []string) []string {
	t := reflect.TypeOf(content.Front{})
	for _, seg := range path {
		found := false
		for i := 0; i < t.NumField(); i++ {
			if strings.EqualFold(t.Field(i).Tag.Get("toml"), seg) {
				t = t.Field(i).Type
				for t.Kind() == reflect.Slice {
					t = t.Elem()
				}
				found = true
				break
			}
		}
		if !found || t.Kind() != reflect.Struct {
			return nil
		}
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		keys = append(keys, t.Field(i).Tag.Get("toml"))
	}
	return keys
}

// closest returns the candidate nearest to word, if it is near enough to
// be a likely misspelling.
func closest(word string, candidates []string) string { return problem.Closest(word, candidates) }
