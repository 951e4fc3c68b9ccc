package main

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"go.uber.org/zap"
)

var (
	requestDuration = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "http_request_duration_seconds",
		Help:    "Duration of HTTP requests in seconds.",
		Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1},
	}, []string{"method", "route", "status"})
	itemsAdded = promauto.NewCounter(prometheus.CounterOpts{
		Name: "cart_items_added_total",
		Help: "Units added to carts.",
	})
)

type addItemRequest struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// routes registers the handlers:
//
//	GET    /healthz            liveness and readiness
//	GET    /carts/{id}         the cart
//	DELETE /carts/{id}         empty the cart
//	POST   /carts/{id}/items   add (or with a negative quantity remove) units
func routes(mux *http.ServeMux, store *Store) {
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("/carts/", func(w http.ResponseWriter, r *http.Request) {
		id, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/carts/"), "/")
		switch {
		case id == "":
			http.NotFound(w, r)
		case rest == "" && r.Method == http.MethodGet:
			writeJSON(w, http.StatusOK, store.Get(id))
		case rest == "" && r.Method == http.MethodDelete:
			store.Clear(id)
			w.WriteHeader(http.StatusNoContent)
		case rest == "items" && r.Method == http.MethodPost:
			var req addItemRequest
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.SKU == "" || req.Quantity == 0 {
				http.Error(w, "want {\"sku\": string, \"quantity\": non-zero int}", http.StatusBadRequest)
				return
			}
			if req.Quantity > 0 {
				itemsAdded.Add(float64(req.Quantity))
			}
			writeJSON(w, http.StatusOK, store.Add(id, req.SKU, req.Quantity))
		default:
			http.Error(w, "not found", http.StatusNotFound)
		}
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// instrument records the duration of every request by route.
func instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		route := "/carts/{id}"
		if !strings.HasPrefix(r.URL.Path, "/carts/") {
			route = r.URL.Path
		}
		requestDuration.WithLabelValues(r.Method, route, strconv.Itoa(rec.status)).
			Observe(time.Since(start).Seconds())
	})
}

// recoverer turns a panic in a handler into a logged 500 instead of a dropped connection.
func recoverer(log *zap.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic in handler", zap.Any("panic", p), zap.String("path", r.URL.Path))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
