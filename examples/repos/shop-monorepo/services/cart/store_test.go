package main

import (
	"testing"
	"time"
)

func TestAddMergesLinesOfTheSameSKU(t *testing.T) {
	s := NewStore(time.Hour)
	s.Add("c1", "MUG-BLUE", 1)
	c := s.Add("c1", "MUG-BLUE", 2)

	if len(c.Items) != 1 || c.Items[0].Quantity != 3 {
		t.Fatalf("want one line of 3, got %+v", c.Items)
	}
}

func TestNegativeQuantityRemovesTheLine(t *testing.T) {
	s := NewStore(time.Hour)
	s.Add("c1", "MUG-BLUE", 2)
	s.Add("c1", "TEE-M", 1)
	c := s.Add("c1", "MUG-BLUE", -2)

	if len(c.Items) != 1 || c.Items[0].SKU != "TEE-M" {
		t.Fatalf("want only TEE-M left, got %+v", c.Items)
	}
}

func TestIdleCartsExpire(t *testing.T) {
	now := time.Date(2024, 11, 1, 12, 0, 0, 0, time.UTC)
	s := NewStore(time.Hour)
	s.now = func() time.Time { return now }
	s.Add("c1", "MUG-BLUE", 1)

	now = now.Add(2 * time.Hour)
	if c := s.Get("c1"); len(c.Items) != 0 {
		t.Fatalf("want an empty cart after the ttl, got %+v", c.Items)
	}
	if s.Len() != 0 {
		t.Fatalf("want the expired cart dropped, %d left", s.Len())
	}
}
