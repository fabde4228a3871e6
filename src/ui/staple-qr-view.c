/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-qr-view: the room's address as a QR code for phones to scan, the
 * address under it as text to select (or read out), and how many phones
 * have joined. */
#define G_LOG_DOMAIN "staple-qr-view"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-qr.h"
#include "staple-qr-view.h"

/* The code's side on the coach's screen: a phone held a metre away reads
 * it. */
#define CODE_SIZE 240

struct _StapleQrView
{
  GtkWidget       parent_instance;

  GtkDrawingArea *code;
  GtkLabel       *address;
  GtkLabel       *devices;

  char           *url;
  StapleQr       *qr;        /* of url, or NULL */
  guint           n_devices;
};

G_DEFINE_FINAL_TYPE (StapleQrView, staple_qr_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_URL,
  PROP_N_DEVICES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_code_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  StapleQrView *self = user_data;
  int size = MIN (width, height);

  if (self->qr != NULL)
    staple_qr_draw (self->qr, cr, (width - size) / 2, (height - size) / 2, size);
}

static void
update_devices (StapleQrView *self)
{
  g_autofree char *text = NULL;

  if (self->n_devices == 0)
    text = g_strdup (_("No phone has joined yet"));
  else
    text = g_strdup_printf (ngettext ("%u phone has joined",
                              "%u phones have joined", self->n_devices),
                            self->n_devices);
  gtk_label_set_text (self->devices, text);
}

static void
staple_qr_view_dispose (GObject *object)
{
  StapleQrView *self = STAPLE_QR_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (staple_qr_view_parent_class)->dispose (object);
}

static void
staple_qr_view_finalize (GObject *object)
{
  StapleQrView *self = STAPLE_QR_VIEW (object);

  g_clear_pointer (&self->qr, staple_qr_free);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (staple_qr_view_parent_class)->finalize (object);
}

static void
staple_qr_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StapleQrView *self = STAPLE_QR_VIEW (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, staple_qr_view_get_url (self));
      break;
    case PROP_N_DEVICES:
      g_value_set_uint (value, self->n_devices);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_qr_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StapleQrView *self = STAPLE_QR_VIEW (object);

  switch (prop_id)
    {
    case PROP_URL:
      staple_qr_view_set_url (self, g_value_get_string (value));
      break;
    case PROP_N_DEVICES:
      staple_qr_view_set_n_devices (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_qr_view_class_init (StapleQrViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_qr_view_dispose;
  object_class->finalize = staple_qr_view_finalize;
  object_class->get_property = staple_qr_view_get_property;
  object_class->set_property = staple_qr_view_set_property;

  /**
   * StapleQrView:url:
   *
   * The address the code carries; "" draws no code.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DEVICES] =
    g_param_spec_uint ("n-devices", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "qrview");
}

static void
staple_qr_view_init (StapleQrView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);

  self->url = g_strdup ("");

  self->code = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_content_width (self->code, CODE_SIZE);
  gtk_drawing_area_set_content_height (self->code, CODE_SIZE);
  gtk_widget_set_halign (GTK_WIDGET (self->code), GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (self->code, draw_code_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("QR code of the room’s address"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->code), GTK_WIDGET (self));

  /* The whole address, to select and copy, or to type on a phone that
   * cannot scan: one line when it fits, broken anywhere when not. */
  self->address = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->address, TRUE);
  gtk_label_set_wrap (self->address, TRUE);
  gtk_label_set_wrap_mode (self->address, PANGO_WRAP_CHAR);
  gtk_label_set_justify (self->address, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (self->address, 50);
  gtk_widget_add_css_class (GTK_WIDGET (self->address), "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->address),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The room’s address"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->address), GTK_WIDGET (self));

  self->devices = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->devices), "dim-label");
  gtk_widget_set_parent (GTK_WIDGET (self->devices), GTK_WIDGET (self));
  update_devices (self);
}

/**
 * staple_qr_view_new:
 *
 * Returns: (transfer floating): a view of no address yet
 */
GtkWidget *
staple_qr_view_new (void)
{
  return g_object_new (STAPLE_TYPE_QR_VIEW, NULL);
}

const char *
staple_qr_view_get_url (StapleQrView *self)
{
  g_return_val_if_fail (STAPLE_IS_QR_VIEW (self), "");

  return self->url;
}

/**
 * staple_qr_view_set_url:
 * @url: (nullable): the room's address, or "" when it is closed
 */
void
staple_qr_view_set_url (StapleQrView *self,
                        const char   *url)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STAPLE_IS_QR_VIEW (self));

  if (url == NULL)
    url = "";
  if (g_str_equal (self->url, url))
    return;

  g_free (self->url);
  self->url = g_strdup (url);
  g_clear_pointer (&self->qr, staple_qr_free);
  /* An address of the room always fits a code; one that does not is shown
   * as text only. */
  if (*url != '\0' && (self->qr = staple_qr_new (url, &error)) == NULL)
    g_warning ("No QR code for the room’s address: %s", error->message);
  gtk_label_set_text (self->address, url);
  gtk_widget_set_visible (GTK_WIDGET (self->code), self->qr != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  gtk_widget_queue_draw (GTK_WIDGET (self->code));
}

guint
staple_qr_view_get_n_devices (StapleQrView *self)
{
  g_return_val_if_fail (STAPLE_IS_QR_VIEW (self), 0);

  return self->n_devices;
}

void
staple_qr_view_set_n_devices (StapleQrView *self,
                              guint         n_devices)
{
  g_return_if_fail (STAPLE_IS_QR_VIEW (self));

  if (self->n_devices == n_devices)
    return;

  self->n_devices = n_devices;
  update_devices (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DEVICES]);
}
