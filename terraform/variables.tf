variable "project_id" {
  description = "Project that hosts the gardener and whose Cloud Run logs it reads."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id (6-30 lower-case letters, digits or hyphens)."
  }
}

variable "region" {
  description = "Region of the function, its source bucket and the scheduler job."
  type        = string
  default     = "us-central1"
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a region name such as us-central1."
  }
}

variable "function_name" {
  description = "Name of the Cloud Function (2nd gen) and of the Cloud Run service under it. The gardener excludes this service's own logs from its sweeps."
  type        = string
  default     = "log-gardener"
  validation {
    # Service account ids (function name + "-build") are limited to 30 characters.
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.function_name))
    error_message = "function_name must be 2-24 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "github_repository" {
  description = "owner/name of the repository where the gardener keeps its issues (GITHUB_REPOSITORY)."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "github_app_id" {
  description = "The GitHub App's numeric id (GITHUB_APP_ID)."
  type        = string
  validation {
    condition     = can(regex("^[0-9]+$", var.github_app_id))
    error_message = "github_app_id must be the App's numeric id."
  }
}

variable "github_installation_id" {
  description = "The App's installation id on the repository (GITHUB_INSTALLATION_ID). Empty: looked up from the repository at each run."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^[0-9]*$", var.github_installation_id))
    error_message = "github_installation_id must be numeric or empty."
  }
}

variable "github_api_url" {
  description = "GitHub REST base URL (GITHUB_API_URL); change it for GitHub Enterprise Server."
  type        = string
  default     = "https://api.github.com"
  validation {
    condition     = can(regex("^https://", var.github_api_url))
    error_message = "github_api_url must be an https URL."
  }
}

variable "github_app_key_secret_id" {
  description = "Secret Manager secret that holds the App's private key (PEM). Terraform creates the secret; its value is added outside Terraform."
  type        = string
  default     = "log-gardener-github-app-key"
  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.github_app_key_secret_id))
    error_message = "github_app_key_secret_id may hold letters, digits, hyphens and underscores."
  }
}

variable "github_app_key_version" {
  description = "Version of the key secret the function reads at instance start: 'latest' or a version number."
  type        = string
  default     = "latest"
  validation {
    condition     = can(regex("^(latest|[0-9]+)$", var.github_app_key_version))
    error_message = "github_app_key_version must be 'latest' or a version number."
  }
}

variable "services" {
  description = "Cloud Run services to sweep, sent by the scheduler as the `service` parameter. Empty: the services in config/gardener.yaml."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for s in var.services : can(regex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", s))])
    error_message = "each service must be a Cloud Run service name."
  }
}

variable "sweep_window" {
  description = "How far back each scheduled sweep reads (the `window` parameter). Match it to the schedule's interval."
  type        = string
  default     = "3h"
  validation {
    condition     = can(regex("^([0-9]{1,6}[smhdw])+$", var.sweep_window))
    error_message = "sweep_window must be a duration such as 90m, 3h or 1d."
  }
}

variable "schedule" {
  description = "Cron schedule of the sweep (Cloud Scheduler, unix-cron format). Default: every 3 hours."
  type        = string
  default     = "0 */3 * * *"
  validation {
    condition     = length(split(" ", trimspace(var.schedule))) == 5
    error_message = "schedule must be a unix-cron expression with five fields."
  }
}

variable "time_zone" {
  description = "Time zone (tz database name) in which the schedule is read."
  type        = string
  default     = "Etc/UTC"
}

variable "scheduler_paused" {
  description = "Create the scheduler job paused (no scheduled sweeps until resumed)."
  type        = bool
  default     = false
}

variable "function_timeout_seconds" {
  description = "Request timeout of the function. The scheduler's attempt deadline is this plus 30 s, and Cloud Scheduler allows at most 1800 s, hence the 1770 s ceiling."
  type        = number
  default     = 540
  validation {
    condition     = var.function_timeout_seconds >= 60 && var.function_timeout_seconds <= 1770 && floor(var.function_timeout_seconds) == var.function_timeout_seconds
    error_message = "function_timeout_seconds must be a whole number between 60 and 1770."
  }
}

variable "function_memory" {
  description = "Memory of the function instance, e.g. 512Mi or 1Gi. The read is streamed, so memory does not grow with the number of entries."
  type        = string
  default     = "512Mi"
  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi)$", var.function_memory))
    error_message = "function_memory must look like 512Mi or 1Gi."
  }
}

variable "function_cpu" {
  description = "vCPUs of the function instance. At least 1, so that one instance can take a second request and answer 409 while a sweep runs."
  type        = string
  default     = "1"
  validation {
    condition     = can(tonumber(var.function_cpu)) && tonumber(var.function_cpu) >= 1
    error_message = "function_cpu must be a number of at least 1."
  }
}

variable "log_level" {
  description = "The gardener's own log level (LOG_LEVEL)."
  type        = string
  default     = "info"
  validation {
    condition     = contains(["fatal", "error", "warn", "info", "debug", "trace", "silent"], var.log_level)
    error_message = "log_level must be one of fatal, error, warn, info, debug, trace, silent."
  }
}

variable "log_bucket" {
  description = "Log bucket that holds the Cloud Run logs to read; the gardener reads them through a view created on it. _Default unless a sink routes Cloud Run logs to a bucket of their own."
  type        = string
  default     = "_Default"
  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$", var.log_bucket))
    error_message = "log_bucket must be a log bucket id such as _Default."
  }
}

variable "log_bucket_location" {
  description = "Location of log_bucket: global for _Default, or the region a bucket of your own lives in."
  type        = string
  default     = "global"
  validation {
    condition     = can(regex("^[a-z0-9-]+$", var.log_bucket_location))
    error_message = "log_bucket_location must be global or a region name."
  }
}

variable "source_root" {
  description = "Directory holding the built package. Only package.json, package-lock.json, config/gardener.yaml and dist/src/**/*.js are taken from it (bundle.tf). Empty: the repository root above this folder."
  type        = string
  default     = ""
}

variable "labels" {
  description = "Labels added to the resources that take them."
  type        = map(string)
  default     = {}
}
