{{/* Names ------------------------------------------------------------------------------------ */}}

{{- define "koppel.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "koppel.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* "<fullname>-<deployable>", cut to 63 characters (a Service name is a DNS label). */}}
{{- define "koppel.componentName" -}}
{{- printf "%s-%s" (include "koppel.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "koppel.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "koppel.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Labels ----------------------------------------------------------------------------------- */}}

{{- define "koppel.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "koppel.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: koppel
{{- end }}

{{/* Selector of one deployable; input: dict "root" $ "name" <deployable>. */}}
{{- define "koppel.selectorLabels" -}}
app.kubernetes.io/name: {{ include "koppel.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "koppel.componentLabels" -}}
{{ include "koppel.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* Deployables ------------------------------------------------------------------------------ */}}

{{/*
Every enabled deployable with `defaults` merged under its own settings, as YAML
(name -> settings); use with fromYaml. Lists (extraEnv, tolerations) replace, maps merge.
*/}}
{{- define "koppel.enabledDeployables" -}}
{{- $result := dict }}
{{- range $name, $own := .Values.deployables }}
{{- if $own.enabled }}
{{- $_ := set $result $name (mergeOverwrite (deepCopy $.Values.defaults) (deepCopy $own)) }}
{{- end }}
{{- end }}
{{- toYaml $result }}
{{- end }}

{{- define "koppel.image" -}}
{{- $tag := default (default .root.Chart.AppVersion .root.Values.image.tag) (dig "image" "tag" "" .settings) }}
{{- $repository := default (printf "%s%s" .root.Values.image.repositoryPrefix .name) (dig "image" "repository" "" .settings) }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{/* Connections ------------------------------------------------------------------------------ */}}

{{- define "koppel.secretName" -}}
{{- default (printf "%s-secrets" (include "koppel.fullname" .)) .Values.secrets.existingSecret }}
{{- end }}

{{- define "koppel.cnpgClusterName" -}}
{{- printf "%s-pg" (include "koppel.fullname" .) | trunc 50 | trimSuffix "-" }}
{{- end }}

{{- define "koppel.strimziClusterName" -}}
{{- printf "%s-kafka" (include "koppel.fullname" .) | trunc 40 | trimSuffix "-" }}
{{- end }}

{{/* DATABASE_URL as an EnvVar: the CloudNativePG app Secret's `uri`, or the existing Secret. */}}
{{- define "koppel.databaseUrlEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
{{- if .Values.cloudnativepg.enabled }}
      name: {{ include "koppel.cnpgClusterName" . }}-app
      key: uri
{{- else }}
      name: {{ default (printf "%s-database" (include "koppel.fullname" .)) .Values.database.existingSecret }}
      key: {{ .Values.database.existingSecretKey }}
{{- end }}
{{- end }}

{{- define "koppel.kafkaBrokers" -}}
{{- if .Values.strimzi.enabled }}
{{- printf "%s-kafka-bootstrap:9092" (include "koppel.strimziClusterName" .) }}
{{- else }}
{{- .Values.kafka.brokers }}
{{- end }}
{{- end }}

{{- define "koppel.ingestUrl" -}}
{{- printf "http://%s.%s.svc:%v" (include "koppel.componentName" (dict "root" . "name" "ingest")) .Release.Namespace .Values.service.port }}
{{- end }}

{{- define "koppel.publicWebhookBaseUrl" -}}
{{- if .Values.admin.publicWebhookBaseUrl }}
{{- .Values.admin.publicWebhookBaseUrl }}
{{- else if and .Values.ingress.ingest.enabled .Values.ingress.ingest.host }}
{{- printf "https://%s" .Values.ingress.ingest.host }}
{{- else }}
{{- include "koppel.ingestUrl" . }}
{{- end }}
{{- end }}

{{/* Pod parts shared by deployables, the migration Job and the test Pod ------------------------ */}}

{{- define "koppel.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/* The writable /tmp of a read-only root filesystem (scratch space for Node and its libraries). */}}
{{- define "koppel.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end }}

{{- define "koppel.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}
