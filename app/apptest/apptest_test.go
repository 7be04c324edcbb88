package apptest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestRedisURLTouchesNoOtherServer points REDIS_URL at a Redis server holding data in every
// database, asks for a test Redis, and checks that it is another server and that every key of the
// first one is still there (the old helper emptied databases 1-15 of the REDIS_URL server).
func TestRedisURLTouchesNoOtherServer(t *testing.T) {
	ctx := context.Background()
	theirs := apptest.RedisURL(t) // stands for somebody else's Redis
	opt, err := redis.ParseURL(theirs)
	if err != nil {
		t.Fatal(err)
	}
	for db := range 16 {
		o := *opt
		o.DB = db
		c := redis.NewClient(&o)
		if err := c.Set(ctx, "theirs", db, 0).Err(); err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	t.Setenv("REDIS_URL", theirs)
	for range 3 {
		ours := apptest.RedisURL(t)
		o, err := redis.ParseURL(ours)
		if err != nil {
			t.Fatal(err)
		}
		if o.Addr == opt.Addr {
			t.Fatalf("test Redis %s is the REDIS_URL server %s", ours, theirs)
		}
		c := redis.NewClient(o)
		if err := c.Ping(ctx).Err(); err != nil {
			t.Fatalf("test Redis %s: %v", ours, err)
		}
		if n, err := c.DBSize(ctx).Result(); err != nil || n != 0 {
			t.Errorf("test Redis %s holds %d keys (%v), want an empty server", ours, n, err)
		}
		c.Close()
	}
	for db := range 16 {
		o := *opt
		o.DB = db
		c := redis.NewClient(&o)
		if v, err := c.Get(ctx, "theirs").Result(); err != nil || v != fmt.Sprint(db) {
			t.Errorf("REDIS_URL server, database %d: key %q, %v; want it left as it was", db, v, err)
		}
		c.Close()
	}
}
