environment             = "production"
db_instance_class       = "db.r6g.large"
db_allocated_storage_gb = 100
db_multi_az             = true
vpc_id                  = "vpc-0f1e2d3c4b5a69788"
db_subnet_group         = "shop-production-private"
app_security_group_id   = "sg-0fedcba9876543210"
