package deadline

import (
	"sync"
	"time"
)

// editionCache keeps, per jurisdiction, what a process read of the published editions. Clocks are
// counted inside the lifecycle's transactions, which must not wait for a second connection, so a
// value is read once and then again in the background when it is older than the TTL, the value
// read before is kept when reading fails, and a value this process published is kept until the
// database returns one at least as new.
type editionCache[V edition[V]] struct {
	mu      sync.Mutex
	entries map[string]cacheEntry[V]
}

// edition is what editionCache keeps: a value that tells whether it is newer than another (it was
// published here after the other was read).
type edition[V any] interface {
	newerThan(V) bool
}

type cacheEntry[V any] struct {
	v          V
	at         time.Time
	refreshing bool
}

// get returns the jurisdiction's value: from the cache (refreshed in the background with read when
// older than ttl, 0 meaning 30 seconds), or read now the first time.
func (c *editionCache[V]) get(jurisdiction string, ttl time.Duration, read func() (V, error)) (V, error) {
	if ttl == 0 {
		ttl = 30 * time.Second
	}
	c.mu.Lock()
	e, ok := c.entries[jurisdiction]
	if ok && time.Since(e.at) >= ttl && !e.refreshing {
		e.refreshing = true
		c.entries[jurisdiction] = e
		go func() { _, _ = c.load(jurisdiction, read) }()
	}
	c.mu.Unlock()
	if ok {
		return e.v, nil
	}
	return c.load(jurisdiction, read)
}

// load reads the jurisdiction's value now and keeps it. When reading fails, the value read before
// is kept (and read again after the TTL); the error is returned only when there is none.
func (c *editionCache[V]) load(jurisdiction string, read func() (V, error)) (V, error) {
	v, err := read()
	c.mu.Lock()
	defer c.mu.Unlock()
	kept, had := c.entries[jurisdiction]
	if err != nil && !had {
		return v, err
	}
	if err != nil || kept.v.newerThan(v) {
		v = kept.v
	}
	c.putLocked(jurisdiction, v)
	return v, nil
}

// put keeps a value this process has just published.
func (c *editionCache[V]) put(jurisdiction string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(jurisdiction, v)
}

func (c *editionCache[V]) putLocked(jurisdiction string, v V) {
	if c.entries == nil {
		c.entries = map[string]cacheEntry[V]{}
	}
	c.entries[jurisdiction] = cacheEntry[V]{v: v, at: time.Now()}
}
