package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.uber.org/zap"
)

func main() {
	log, err := zap.NewProduction() // JSON to stderr
	if err != nil {
		panic(err)
	}
	defer log.Sync()

	addr := envOr("ADDR", ":8080")
	ttl, err := time.ParseDuration(envOr("CART_TTL", "24h"))
	if err != nil {
		log.Fatal("invalid CART_TTL", zap.Error(err))
	}

	store := NewStore(ttl)
	promauto.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "cart_live_carts",
		Help: "Carts held in memory.",
	}, func() float64 { return float64(store.Len()) })

	mux := http.NewServeMux()
	routes(mux, store)
	mux.Handle("/metrics", promhttp.Handler())

	srv := &http.Server{
		Addr:              addr,
		Handler:           recoverer(log, instrument(mux)),
		ReadHeaderTimeout: 5 * time.Second,
	}

	go func() {
		log.Info("cart listening", zap.String("addr", addr))
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal("server failed", zap.Error(err))
		}
	}()

	// Kubernetes sends SIGTERM before it kills the pod: stop accepting
	// connections and let in-flight requests finish.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	sig := <-stop
	log.Info("shutting down", zap.String("signal", sig.String()))

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		log.Error("graceful shutdown failed", zap.Error(err))
	}
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
