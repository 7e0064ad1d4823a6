# Optional, off by default: Log Analytics for windows too large for the Logging API (README, "When a
# window outgrows the Logging API"). A log bucket of its own, upgraded to Log Analytics, receives the
# swept services' entries that a sweep may read (NOTICE and above, and entries without a severity,
# whose text may state one); a BigQuery dataset linked to it answers the sweep's one query. The
# runtime account may run query jobs in the project and read that dataset, nothing else in BigQuery.
# The _Default bucket and the Logging API path are left as they are.
#
# After apply, set in config/gardener.yaml:
#   source:
#     mode: auto        # or analytics
#     analytics:
#       table: <output log_analytics_table>

variable "enable_log_analytics" {
  description = "Create a Log Analytics bucket for the swept services' logs, its linked BigQuery dataset, and the runtime account's BigQuery grants (roles/bigquery.jobUser on the project, read on that dataset). Then set source.mode and source.analytics.table in config/gardener.yaml."
  type        = bool
  default     = false
}

locals {
  log_analytics = var.enable_log_analytics ? 1 : 0
  # Bucket and dataset ids: the function's name, as each allows it (a dataset id takes no hyphen).
  log_analytics_bucket = "${var.function_name}-logs"
  log_analytics_link   = replace("${var.function_name}_logs", "-", "_")
  # What a sweep may read (build-filter.ts): Cloud Run entries at NOTICE or above, or without a
  # severity; of the swept services when they are named. INFO and DEBUG are never copied.
  log_analytics_filter = join(" AND ", compact([
    "resource.type=\"cloud_run_revision\"",
    "(severity>=NOTICE OR severity=DEFAULT)",
    length(var.services) > 0 ? "resource.labels.service_name=(${join(" OR ", [for s in var.services : "\"${s}\""])})" : "",
    "NOT resource.labels.service_name=\"${var.function_name}\"",
  ]))
}

resource "google_project_service" "bigquery" {
  count   = local.log_analytics
  project = var.project_id
  service = "bigquery.googleapis.com"
  # Other workloads may query BigQuery too; turning Log Analytics off must not turn the API off.
  disable_on_destroy = false
}

resource "google_logging_project_bucket_config" "gardener" {
  count            = local.log_analytics
  project          = var.project_id
  location         = var.region
  bucket_id        = local.log_analytics_bucket
  retention_days   = 30 # Cloud Logging's included retention: no storage charge
  enable_analytics = true
  description      = "Entries log-gardener sweeps, upgraded to Log Analytics (linked dataset ${local.log_analytics_link})."
}

resource "google_logging_project_sink" "gardener" {
  count       = local.log_analytics
  project     = var.project_id
  name        = "${var.function_name}-to-analytics"
  destination = "logging.googleapis.com/projects/${var.project_id}/locations/${var.region}/buckets/${google_logging_project_bucket_config.gardener[0].bucket_id}"
  filter      = local.log_analytics_filter
  # A sink into a bucket of the same project writes as Cloud Logging itself: no writer to grant.
  unique_writer_identity = true
}

resource "google_logging_linked_dataset" "gardener" {
  count       = local.log_analytics
  link_id     = local.log_analytics_link
  parent      = "projects/${var.project_id}"
  location    = var.region
  bucket      = google_logging_project_bucket_config.gardener[0].bucket_id
  description = "Read by log-gardener's Log Analytics sweeps."
  depends_on  = [google_project_service.bigquery]
}

# Creating query jobs has no narrower scope than the project; the job reads only what the account may read.
resource "google_project_iam_member" "runtime_runs_queries" {
  count   = local.log_analytics
  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = google_service_account.runtime.member
}

# Read on the linked dataset only: no other dataset of the project.
resource "google_bigquery_dataset_iam_member" "runtime_reads_linked_logs" {
  count      = local.log_analytics
  project    = var.project_id
  dataset_id = google_logging_linked_dataset.gardener[0].link_id
  role       = "roles/bigquery.dataViewer"
  member     = google_service_account.runtime.member
}

output "log_analytics_table" {
  description = "The view to set as source.analytics.table (empty while enable_log_analytics is false)."
  value       = var.enable_log_analytics ? "${var.project_id}.${google_logging_linked_dataset.gardener[0].link_id}._AllLogs" : ""
}
