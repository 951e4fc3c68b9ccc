#!/bin/sh
# Copies last month's invoices to S3 for accounting. Run by hand on the 3rd.
set -e
. "$(dirname "$0")/../.env"
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION
period=$(date -d "last month" +%Y-%m)
psql "$DATABASE_URL" -c "\copy (SELECT * FROM invoices WHERE period = '$period') TO 'invoices-$period.csv' CSV HEADER"
aws s3 cp "invoices-$period.csv" "s3://$INVOICE_BUCKET/$period/"
