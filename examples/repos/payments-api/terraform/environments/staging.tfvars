environment             = "staging"
db_instance_class       = "db.t4g.small"
db_allocated_storage_gb = 20
db_multi_az             = false
vpc_id                  = "vpc-0a1b2c3d4e5f60718"
db_subnet_group         = "shop-staging-private"
app_security_group_id   = "sg-0123456789abcdef0"
