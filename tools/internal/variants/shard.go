package variants

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Shard is one of N shares of the organisations, for spreading a run
// over N machines (a CI matrix, a Kubernetes Indexed Job): shard K of N,
// K from 1 to N. The zero Shard is the whole run.
//
// Which share an organisation falls in depends on its slug and N alone
// (rendezvous, or highest-random-weight, hashing): every machine computes
// the same split without talking to the others, and the split is stable.
// Adding an organisation moves no other organisation to another shard;
// removing one moves none either; going from N to N+1 shards moves only
// the organisations the new shard takes (about one in N+1). Each shard
// gets about 1/N of the organisations, as a fair coin would deal them.
type Shard struct{ K, N int }

// MaxShards bounds N: finding an organisation's shard weighs every one of
// the N shards, so -shard 1/100000000 made a run of five organisations
// hash for minutes. No CI matrix or job comes near it.
const MaxShards = 1000

// ParseShard reads "K/N" (as in -shard 2/4).
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	K, errK := strconv.Atoi(strings.TrimSpace(k))
	N, errN := strconv.Atoi(strings.TrimSpace(n))
	if !ok || errK != nil || errN != nil || N < 1 || K < 1 || K > N {
		return Shard{}, fmt.Errorf("-shard %q: write K/N with 1 ≤ K ≤ N, e.g. -shard 2/4 for the second of four shares (a zero-based index such as Kubernetes' JOB_COMPLETION_INDEX needs +1)", s)
	}
	if N > MaxShards {
		return Shard{}, fmt.Errorf("-shard %q: at most %d shares; use fewer machines (each builds many organisations a minute)", s, MaxShards)
	}
	return Shard{K: K, N: N}, nil
}

func (s Shard) String() string {
	if s.N <= 1 {
		return "all"
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// Has reports whether the organisation with slug falls in this shard.
func (s Shard) Has(slug string) bool {
	if s.N <= 1 {
		return true
	}
	return shardOf(slug, s.N) == s.K
}

// shardOf is the shard, 1 to n, whose weight for slug is highest.
func shardOf(slug string, n int) int {
	best, bestWeight := 0, uint64(0)
	for k := 1; k <= n; k++ {
		if w := weight(slug, k); k == 1 || w > bestWeight {
			best, bestWeight = k, w
		}
	}
	return best
}

// weight is shard k's pseudo-random weight for slug: the same on every
// machine, for every version of this program (a change here would move
// organisations between shards, and their outputs with them).
func weight(slug string, k int) uint64 {
	sum := sha256.Sum256([]byte("gesprekswijzer shard\x00" + slug + "\x00" + strconv.Itoa(k)))
	return binary.BigEndian.Uint64(sum[:8])
}
