package main

import (
	"sync"
	"time"
)

// Item is one line of a cart.
type Item struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// Cart is a shopper's cart, keyed by the session's cart id.
type Cart struct {
	ID        string    `json:"id"`
	Items     []Item    `json:"items"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Store keeps carts in memory. Carts idle for longer than ttl are dropped.
// Carts do not survive a restart, which is why cart runs as a single replica
// until the Redis store lands (see README, "Known issues").
type Store struct {
	mu    sync.Mutex
	carts map[string]*Cart
	ttl   time.Duration
	now   func() time.Time
}

func NewStore(ttl time.Duration) *Store {
	return &Store{carts: map[string]*Cart{}, ttl: ttl, now: time.Now}
}

// Get returns a copy of the cart, or an empty cart when there is none.
func (s *Store) Get(id string) Cart {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.carts[id]
	if !ok || s.now().Sub(c.UpdatedAt) > s.ttl {
		delete(s.carts, id)
		return Cart{ID: id, Items: []Item{}}
	}
	return Cart{ID: c.ID, Items: append([]Item{}, c.Items...), UpdatedAt: c.UpdatedAt}
}

// Add adds quantity units of sku; a quantity that brings the line to zero or less removes it.
func (s *Store) Add(id, sku string, quantity int) Cart {
	s.mu.Lock()
	c, ok := s.carts[id]
	if !ok {
		c = &Cart{ID: id}
		s.carts[id] = c
	}
	found := false
	items := c.Items[:0]
	for _, it := range c.Items {
		if it.SKU == sku {
			it.Quantity += quantity
			found = true
		}
		if it.Quantity > 0 {
			items = append(items, it)
		}
	}
	if !found && quantity > 0 {
		items = append(items, Item{SKU: sku, Quantity: quantity})
	}
	c.Items = items
	c.UpdatedAt = s.now()
	s.mu.Unlock()
	return s.Get(id)
}

// Clear empties the cart, after checkout or on request.
func (s *Store) Clear(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.carts, id)
}

// Len is the number of live carts, exported as a gauge.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.carts)
}
