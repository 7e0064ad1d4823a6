# The function ships exactly what it runs: the package as built by `npm run build` (dist/src), its
# manifest and lock file (the platform installs the dependencies from them), and the shipped config.
# An allow-list, not a deny-list: a stray .env, .npmrc, key file or local config in the checkout
# never reaches the bundle, whatever its name.
locals {
  source_root = var.source_root != "" ? var.source_root : "${path.module}/.."
  bundle_files = sort(distinct(concat(
    ["package.json", "package-lock.json", "config/gardener.yaml"],
    tolist(fileset(local.source_root, "dist/src/**/*.js")),
  )))
}

data "archive_file" "bundle" {
  type        = "zip"
  output_path = "${path.module}/.build/log-gardener.zip"

  dynamic "source" {
    for_each = local.bundle_files
    content {
      filename = source.value
      content  = file("${local.source_root}/${source.value}")
    }
  }
}

resource "google_storage_bucket" "source" {
  project                     = var.project_id
  name                        = "${var.project_id}-${var.function_name}-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true
  labels                      = var.labels

  depends_on = [google_project_service.required]
}

# Named by content hash: new code means a new object name, which makes the function redeploy.
# (A fixed name would leave the old code running.)
resource "google_storage_bucket_object" "bundle" {
  bucket = google_storage_bucket.source.name
  name   = "log-gardener-${data.archive_file.bundle.output_sha256}.zip"
  source = data.archive_file.bundle.output_path
}
