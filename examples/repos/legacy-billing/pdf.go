package main

import (
	"bytes"
	"fmt"
)

// renderInvoice produces the plain-text invoice that accounting prints to PDF.
func renderInvoice(inv Invoice, customerName string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "INVOICE %d\n", inv.ID)
	fmt.Fprintf(&b, "Customer: %s\n", customerName)
	fmt.Fprintf(&b, "Period:   %s\n", inv.Period)
	fmt.Fprintf(&b, "Total:    %d.%02d EUR\n", inv.TotalCents/100, inv.TotalCents%100)
	return b.Bytes()
}
