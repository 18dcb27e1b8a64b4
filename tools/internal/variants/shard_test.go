package variants

import (
	"fmt"
	"testing"
)

// slugs are n organisation slugs as a hosting party might have them.
func slugs(n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprintf("gemeente-%04d", i)
	}
	return s
}

// split deals the slugs out over n shards.
func split(all []string, n int) [][]string {
	shards := make([][]string, n)
	for _, slug := range all {
		owners := 0
		for k := 1; k <= n; k++ {
			if (Shard{K: k, N: n}).Has(slug) {
				shards[k-1] = append(shards[k-1], slug)
				owners++
			}
		}
		if owners != 1 {
			panic(fmt.Sprintf("%s is in %d of %d shards", slug, owners, n))
		}
	}
	return shards
}

// TestShardsPartition: for N = 1…5 every organisation is in exactly one
// shard (the shards are disjoint and together are all), and each shard
// has its fair share.
func TestShardsPartition(t *testing.T) {
	all := slugs(2000)
	for n := 1; n <= 5; n++ {
		seen := map[string]int{}
		for k, shard := range split(all, n) {
			for _, slug := range shard {
				if prev, dup := seen[slug]; dup {
					t.Errorf("N=%d: %s is in shard %d and %d", n, slug, prev, k+1)
				}
				seen[slug] = k + 1
			}
			// A fair coin dealing 2000 over n: the standard deviation is
			// at most √(2000/4) ≈ 22; 10% of 2000/n is 40 or more.
			if want := len(all) / n; len(shard) < want*9/10 || len(shard) > want*11/10 {
				t.Errorf("N=%d: shard %d has %d organisations, want about %d", n, k+1, len(shard), want)
			}
		}
		if len(seen) != len(all) {
			t.Errorf("N=%d: the shards hold %d of %d organisations", n, len(seen), len(all))
		}
	}
	if got := split(slugs(3), 1)[0]; len(got) != 3 {
		t.Errorf("one shard holds %v", got)
	}
}

// TestShardsStable: adding an organisation moves at most one
// organisation between shards (rendezvous hashing moves none: only the
// new one is placed), for N = 2…5; removing one moves none either.
func TestShardsStable(t *testing.T) {
	for n := 2; n <= 5; n++ {
		for _, size := range []int{1, 10, 200} {
			before := slugs(size)
			after := append(append([]string{}, before...), "nieuwe-organisatie")
			where := func(all []string) map[string]int {
				m := map[string]int{}
				for k, shard := range split(all, n) {
					for _, s := range shard {
						m[s] = k + 1
					}
				}
				return m
			}
			a, b := where(before), where(after)
			moved := 0
			for slug, k := range a {
				if b[slug] != k {
					moved++
				}
			}
			if moved > 1 {
				t.Errorf("N=%d, %d organisations: adding one moved %d others", n, size, moved)
			}
			c := where(before[1:]) // and one removed
			for slug, k := range c {
				if a[slug] != k {
					t.Errorf("N=%d, %d organisations: removing one moved %s", n, size, slug)
				}
			}
		}
	}
}

// TestShardsDoNotChange: the split is part of the interface (outputs of
// a sharded run live where their shard put them): it may not change
// between versions. These placements were computed once.
func TestShardsDoNotChange(t *testing.T) {
	for slug, want := range map[string]int{"grenslanders": 1, "provincie-voorbeeld": 1, "technik-muster-gmbh": 2, "gemeente-voorbeeldstad": 2} {
		if got := shardOf(slug, 3); got != want {
			t.Errorf("%s is in shard %d of 3, it was in %d", slug, got, want)
		}
	}
}

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"1/1": {1, 1}, "2/4": {2, 4}, " 4 / 4 ": {4, 4}} {
		if got, err := ParseShard(in); err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if got, err := ParseShard("1000/1000"); err != nil || got != (Shard{1000, 1000}) {
		t.Errorf("ParseShard(1000/1000) = %v, %v", got, err)
	}
	// Beyond MaxShards: finding a shard weighs all N, so 1/100000000
	// would hash for minutes.
	for _, in := range []string{"", "0/4", "5/4", "-1/4", "1/0", "1", "a/b", "1/2/3", "1/1001", "1/100000000", "1/99999999999999999999"} {
		if _, err := ParseShard(in); err == nil {
			t.Errorf("ParseShard(%q) accepted", in)
		}
	}
}
