package check

import (
	"reflect"
	"strings"

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
func closest(word string, candidates []string) string {
	best, bestDist := "", len(word)/2+2
	for _, c := range candidates {
		if d := distance(strings.ToLower(word), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein edit distance.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// Closest returns the candidate nearest to word when it is near enough to
// be a likely misspelling, or "": the did-you-mean of every message.
func Closest(word string, candidates []string) string { return closest(word, candidates) }
