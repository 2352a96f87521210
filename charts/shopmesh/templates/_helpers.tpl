{{/* Names, labels and the repeated per-service blocks. */}}

{{- define "shopmesh.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "shopmesh.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: shopmesh
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Selector labels of one service; call with (dict "root" $ "name" $name). */}}
{{- define "shopmesh.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "shopmesh.serviceName" -}}
{{- printf "%s-%s" (include "shopmesh.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "shopmesh.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- if eq (toString $tag) "latest" -}}
{{- fail "image.tag: `latest` is not allowed; pin a version (the chart's appVersion is the default)" -}}
{{- end -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}

{{- define "shopmesh.appTokenSecret" -}}
{{- .Values.dapr.appToken.existingSecret | default (printf "%s-app-token" (include "shopmesh.fullname" .)) -}}
{{- end -}}

{{- define "shopmesh.databaseSecret" -}}
{{- .Values.database.existingSecret | default (printf "%s-database" (include "shopmesh.fullname" .)) -}}
{{- end -}}

{{- define "shopmesh.serviceAccount" -}}
{{- include "shopmesh.fullname" . -}}
{{- end -}}

{{/* The storefront's address for links in mail: publicUrl, else the Ingress host; empty when neither says. */}}
{{- define "shopmesh.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{- .Values.publicUrl -}}
{{- else if and .Values.ingress.enabled .Values.ingress.host -}}
{{- if .Values.ingress.tls }}https{{ else }}http{{ end }}://{{ .Values.ingress.host }}
{{- end -}}
{{- end -}}

{{/* The environment of a service container (app and migrate init container alike). */}}
{{- define "shopmesh.env" -}}
{{- $root := .root -}}
- name: SHOPMESH_SERVICE
  value: {{ .name | quote }}
- name: SHOPMESH_RUNTIME
  value: dapr
- name: APP_PORT
  value: "8080"
- name: MANAGEMENT_PORT
  value: "8081"
- name: LOG_LEVEL
  value: {{ $root.Values.logLevel | quote }}
- name: SEED
  value: {{ $root.Values.seed | quote }}
- name: HOME
  value: /tmp
- name: APP_API_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "shopmesh.appTokenSecret" $root }}
      key: token
{{- if .svc.database }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "shopmesh.databaseSecret" $root }}
      key: {{ $root.Values.database.secretKey }}
{{- end }}
{{- if eq .name "identity" }}
{{- with include "shopmesh.publicUrl" $root }}
- name: SHOPMESH_PUBLIC_URL
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- if eq .name "gateway" }}
- name: WEB_DIST_DIR
  value: {{ $root.Values.gateway.staticDir | quote }}
- name: GATEWAY_TRUST_PROXY_HOPS
  value: {{ $root.Values.gateway.trustProxyHops | quote }}
{{- with $root.Values.gateway.corsOrigins }}
- name: GATEWAY_CORS_ORIGINS
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- range $key, $value := .svc.env }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* A Dapr component rendered from dapr/components/<name>.yaml with the values' overrides. */}}
{{- define "shopmesh.daprComponent" -}}
{{- $root := .root -}}
{{- $source := $root.Files.Get (printf "files/dapr/components/%s.yaml" .name) | fromYaml -}}
{{- if not $source.spec -}}
{{- fail (printf "dapr/components/%s.yaml is missing or has no spec" .name) -}}
{{- end -}}
{{- $override := .override -}}
{{- $entries := dict -}}
{{- if not $override.type -}}
{{- range $source.spec.metadata -}}
{{- $_ := set $entries .name (dict "value" .value) -}}
{{- end -}}
{{- end -}}
{{- range $key, $value := $override.metadata -}}
{{- $_ := set $entries $key (dict "value" $value) -}}
{{- end -}}
{{- range $key, $ref := $override.secretMetadata -}}
{{- $_ := set $entries $key (dict "secretKeyRef" $ref) -}}
{{- end -}}
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "shopmesh.labels" $root | nindent 4 }}
spec:
  type: {{ $override.type | default $source.spec.type }}
  version: {{ $source.spec.version | default "v1" }}
  initTimeout: {{ $root.Values.dapr.componentInitTimeout | quote }}
  {{- if not $entries }}
  metadata: []
  {{- else }}
  metadata:
    {{- range $key, $entry := $entries }}
    - name: {{ $key }}
      {{- if $entry.secretKeyRef }}
      secretKeyRef:
        name: {{ $entry.secretKeyRef.name }}
        key: {{ $entry.secretKeyRef.key }}
      {{- else }}
      value: {{ $entry.value | toString | quote }}
      {{- end }}
    {{- end }}
  {{- end }}
{{- with $source.scopes }}
scopes:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
