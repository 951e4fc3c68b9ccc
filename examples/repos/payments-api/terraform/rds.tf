resource "aws_security_group" "db" {
  name        = "payments-api-${var.environment}-db"
  description = "PostgreSQL for payments-api"
  vpc_id      = var.vpc_id

  ingress {
    description     = "PostgreSQL from the application nodes"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [var.app_security_group_id]
  }
}

resource "aws_db_instance" "payments" {
  identifier     = "payments-api-${var.environment}"
  engine         = "postgres"
  engine_version = "16.4"
  instance_class = var.db_instance_class

  allocated_storage     = var.db_allocated_storage_gb
  max_allocated_storage = var.db_allocated_storage_gb * 4
  storage_type          = "gp3"
  storage_encrypted     = true

  db_name                     = "payments"
  username                    = "payments"
  manage_master_user_password = true # password lives in Secrets Manager, never in state files

  multi_az               = var.db_multi_az
  db_subnet_group_name   = var.db_subnet_group
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false

  # Daily snapshots kept a week, plus point-in-time recovery from the WAL
  # (restores to any second in the retention window, see DEPLOYMENT.md).
  backup_retention_period = 7
  backup_window           = "02:00-02:30"
  maintenance_window      = "sun:03:00-sun:04:00"
  copy_tags_to_snapshot   = true

  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "payments-api-${var.environment}-final"

  performance_insights_enabled = true
  auto_minor_version_upgrade   = true
}
