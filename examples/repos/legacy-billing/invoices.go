package main

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

type Invoice struct {
	ID         int       `json:"id"`
	CustomerID int       `json:"customer_id"`
	Period     string    `json:"period"`
	TotalCents int64     `json:"total_cents"`
	CreatedAt  time.Time `json:"created_at"`
}

// runInvoicing bills the uninvoiced usage of every customer whose billing day is today.
func runInvoicing(db *sql.DB, now time.Time) (int, error) {
	rows, err := db.Query(`SELECT id FROM customers WHERE billing_day = $1`, now.Day())
	if err != nil {
		return 0, err
	}
	var customers []int
	for rows.Next() {
		var id int
		rows.Scan(&id)
		customers = append(customers, id)
	}
	rows.Close()

	period := now.AddDate(0, -1, 0).Format("2006-01")
	created := 0
	for _, id := range customers {
		tx, err := db.Begin()
		if err != nil {
			return created, err
		}
		var total sql.NullInt64
		tx.QueryRow(`SELECT SUM(units * unit_cents) FROM usage_records
		             WHERE customer_id = $1 AND NOT invoiced`, id).Scan(&total)
		if !total.Valid || total.Int64 == 0 {
			tx.Rollback()
			continue
		}
		if _, err := tx.Exec(`INSERT INTO invoices (customer_id, period, total_cents)
		                      VALUES ($1, $2, $3)`, id, period, total.Int64); err != nil {
			tx.Rollback()
			return created, err
		}
		tx.Exec(`UPDATE usage_records SET invoiced = true WHERE customer_id = $1 AND NOT invoiced`, id)
		if err := tx.Commit(); err != nil {
			return created, err
		}
		created++
	}
	return created, nil
}

func listInvoices(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		customer, _ := strconv.Atoi(r.URL.Query().Get("customer"))
		rows, err := db.Query(`SELECT id, customer_id, period, total_cents, created_at
		                       FROM invoices WHERE customer_id = $1 ORDER BY id DESC`, customer)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer rows.Close()
		invoices := []Invoice{}
		for rows.Next() {
			var inv Invoice
			rows.Scan(&inv.ID, &inv.CustomerID, &inv.Period, &inv.TotalCents, &inv.CreatedAt)
			invoices = append(invoices, inv)
		}
		json.NewEncoder(w).Encode(invoices)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
