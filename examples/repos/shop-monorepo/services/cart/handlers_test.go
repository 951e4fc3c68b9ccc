package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
)

func newTestServer() *httptest.Server {
	mux := http.NewServeMux()
	routes(mux, NewStore(time.Hour))
	return httptest.NewServer(recoverer(zap.NewNop(), instrument(mux)))
}

func TestHealthz(t *testing.T) {
	srv := newTestServer()
	defer srv.Close()

	res, err := http.Get(srv.URL + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("want 200, got %v %v", res, err)
	}
}

func TestAddThenGetCart(t *testing.T) {
	srv := newTestServer()
	defer srv.Close()

	res, err := http.Post(srv.URL+"/carts/c1/items", "application/json",
		strings.NewReader(`{"sku":"MUG-BLUE","quantity":2}`))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("add: want 200, got %v %v", res, err)
	}

	res, err = http.Get(srv.URL + "/carts/c1")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("get: want 200, got %v %v", res, err)
	}
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), `"sku":"MUG-BLUE","quantity":2`) {
		t.Fatalf("unexpected cart %s", body)
	}
}

func TestRejectsZeroQuantity(t *testing.T) {
	srv := newTestServer()
	defer srv.Close()

	res, err := http.Post(srv.URL+"/carts/c1/items", "application/json",
		strings.NewReader(`{"sku":"MUG-BLUE","quantity":0}`))
	if err != nil || res.StatusCode != http.StatusBadRequest {
		t.Fatalf("want 400, got %v %v", res, err)
	}
}

func TestRecovererAnswers500OnPanic(t *testing.T) {
	h := recoverer(zap.NewNop(), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/carts/c1", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("want 500, got %d", rec.Code)
	}
}
