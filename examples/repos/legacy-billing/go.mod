module git.example.com/billing/legacy-billing

go 1.17

require github.com/lib/pq v1.10.9
