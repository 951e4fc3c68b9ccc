bucket         = "shop-terraform-state-production"
key            = "payments-api/terraform.tfstate"
region         = "eu-central-1"
dynamodb_table = "terraform-locks"
encrypt        = true
