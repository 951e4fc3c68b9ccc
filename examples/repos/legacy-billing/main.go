package main

import (
	"database/sql"
	"log"
	"net/http"
	"os"
	"time"

	_ "github.com/lib/pq"
)

func main() {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}

	// Run the invoicing once a day at 01:00.
	go func() {
		for {
			next := nextRun(time.Now(), 1)
			log.Printf("next invoice run at %s", next)
			time.Sleep(time.Until(next))
			n, err := runInvoicing(db, time.Now())
			if err != nil {
				log.Printf("invoicing failed: %v", err)
				continue
			}
			log.Printf("created %d invoices", n)
		}
	}()

	http.HandleFunc("/invoices", listInvoices(db))
	http.HandleFunc("/run", func(w http.ResponseWriter, r *http.Request) {
		n, err := runInvoicing(db, time.Now())
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Write([]byte("created " + itoa(n) + " invoices\n"))
	})
	log.Println("listening on :8081")
	log.Fatal(http.ListenAndServe(":8081", nil))
}

func nextRun(now time.Time, hour int) time.Time {
	next := time.Date(now.Year(), now.Month(), now.Day(), hour, 0, 0, 0, now.Location())
	if !next.After(now) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}
