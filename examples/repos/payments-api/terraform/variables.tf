variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "environment" {
  type = string
}

variable "db_instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "db_allocated_storage_gb" {
  type    = number
  default = 50
}

variable "db_multi_az" {
  type    = bool
  default = true
}

variable "vpc_id" {
  type = string
}

variable "db_subnet_group" {
  type = string
}

variable "app_security_group_id" {
  description = "Security group of the EKS nodes that run payments-api"
  type        = string
}
