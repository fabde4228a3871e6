/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "staple-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "staple-stage.h"
#include "staple-templates.h"

/* The journeys a coach can start the Map phase from. Each is only a first
 * draft: the room renames, reorders and deletes stages until the map matches
 * how the work really goes in their company. */

/* The route of the original “staple yourself to an order” walk: ten steps that
 * an order passes through, from planning demand to looking after the customer
 * once the goods have arrived. */
static const StapleTemplateStage order_cycle_stages[] = {
  {
    N_("Order planning"),
    /* Translators: the name of a team in a company */
    N_("Sales"),
    STAPLE_CHANNEL_INTERNAL,
    N_("Forecasts of what customers will buy decide which stock and capacity are ready "
       "before anyone orders."),
  },
  {
    N_("Order generation"),
    N_("Sales"),
    STAPLE_CHANNEL_PHONE,
    N_("A salesperson, a catalogue or a campaign turns what a customer needs into a "
       "request to buy."),
  },
  {
    N_("Cost estimation and pricing"),
    N_("Finance"),
    STAPLE_CHANNEL_EMAIL,
    N_("Someone works out what the order will cost to make and deliver, and agrees a price "
       "with the customer."),
  },
  {
    N_("Order receipt and entry"),
    N_("Customer service"),
    STAPLE_CHANNEL_WEB,
    N_("The order arrives and is keyed or imported into the company’s systems, often more "
       "than once."),
  },
  {
    N_("Order selection and prioritisation"),
    N_("Operations"),
    STAPLE_CHANNEL_INTERNAL,
    N_("Someone decides which orders to accept and which go first when there is not "
       "enough capacity for all of them."),
  },
  {
    N_("Scheduling"),
    N_("Operations"),
    STAPLE_CHANNEL_INTERNAL,
    N_("The order gets a slot in production or in the warehouse, and the customer a "
       "promised date."),
  },
  {
    N_("Fulfilment"),
    N_("Logistics"),
    STAPLE_CHANNEL_IN_PERSON,
    N_("The goods are made or picked, packed and delivered, or the service is carried "
       "out."),
  },
  {
    N_("Billing"),
    N_("Finance"),
    STAPLE_CHANNEL_EMAIL,
    N_("An invoice goes out, and the payment is chased, received and matched to the "
       "order."),
  },
  {
    N_("Returns and claims"),
    N_("Customer service"),
    STAPLE_CHANNEL_PHONE,
    N_("The customer sends something back or disputes a charge, and someone decides what "
       "they are owed."),
  },
  {
    N_("Post-sales service"),
    N_("Field service"),
    STAPLE_CHANNEL_IN_PERSON,
    N_("Installation, maintenance and repairs keep the product working long after the "
       "sale."),
  },
};

static const StapleTemplateStage support_request_stages[] = {
  {
    N_("Customer gets in touch"),
    N_("Customer service"),
    STAPLE_CHANNEL_PHONE,
    N_("The customer explains the problem by phone, email, chat or a web form."),
  },
  {
    N_("Request logged and sorted"),
    N_("Customer service"),
    STAPLE_CHANNEL_INTERNAL,
    N_("The request is recorded and given a category and a priority that decide which "
       "queue it joins."),
  },
  {
    N_("First-line diagnosis"),
    N_("Customer service"),
    STAPLE_CHANNEL_PHONE,
    N_("An agent asks the usual questions and tries the known fixes."),
  },
  {
    N_("Escalation to specialists"),
    N_("Technical support"),
    STAPLE_CHANNEL_INTERNAL,
    N_("What the first line cannot solve is passed on to a specialist team, usually into "
       "another queue."),
  },
  {
    N_("Investigation and fix"),
    N_("Engineering"),
    STAPLE_CHANNEL_INTERNAL,
    N_("Specialists reproduce the problem and find a fix or a way round it."),
  },
  {
    N_("Customer told the answer"),
    N_("Customer service"),
    STAPLE_CHANNEL_EMAIL,
    N_("Someone explains to the customer what was found and what happens next."),
  },
  {
    N_("Request closed"),
    N_("Customer service"),
    STAPLE_CHANNEL_EMAIL,
    N_("The case is closed once the customer confirms the problem has gone; a survey may "
       "follow."),
  },
};

static const StapleTemplateStage return_claim_stages[] = {
  {
    N_("Customer asks to return or claim"),
    N_("Customer service"),
    STAPLE_CHANNEL_PHONE,
    N_("The customer reports a faulty, wrong or unwanted item and asks what to do."),
  },
  {
    N_("Eligibility check"),
    N_("Customer service"),
    STAPLE_CHANNEL_INTERNAL,
    N_("The request is checked against the returns policy, the warranty and the proof of "
       "purchase."),
  },
  {
    N_("Approval"),
    N_("Claims"),
    STAPLE_CHANNEL_INTERNAL,
    N_("A supervisor or the claims team signs off anything above the agent’s limit."),
  },
  {
    N_("Item sent back"),
    N_("Logistics"),
    STAPLE_CHANNEL_WEB,
    N_("The customer gets a returns label or a collection slot and sends the item back."),
  },
  {
    N_("Received and inspected"),
    N_("Warehouse"),
    STAPLE_CHANNEL_INTERNAL,
    N_("The warehouse checks the condition of what came back and records it."),
  },
  {
    N_("Refund or replacement"),
    N_("Finance"),
    STAPLE_CHANNEL_INTERNAL,
    N_("The money is paid back or a replacement is sent, as agreed."),
  },
  {
    N_("Customer told the outcome"),
    N_("Customer service"),
    STAPLE_CHANNEL_EMAIL,
    N_("The customer hears what was decided and when to expect the refund or the new "
       "item."),
  },
  {
    N_("Cause passed on"),
    N_("Quality"),
    STAPLE_CHANNEL_INTERNAL,
    N_("Why the item came back goes to the people who can stop it happening again."),
  },
};

static const StapleTemplate templates[] = {
  {
    "order-cycle",
    N_("Order cycle"),
    N_("The ten steps an order passes through, from planning to service after the sale: "
       "the route of the original “staple yourself to an order” walk."),
    order_cycle_stages,
    G_N_ELEMENTS (order_cycle_stages),
  },
  {
    "support-request",
    N_("Support request"),
    N_("A customer’s request for help, from the first contact to the problem being "
       "solved."),
    support_request_stages,
    G_N_ELEMENTS (support_request_stages),
  },
  {
    "return-claim",
    N_("Return or claim"),
    N_("An item sent back or a claim made, from the customer’s first call to the refund or "
       "replacement."),
    return_claim_stages,
    G_N_ELEMENTS (return_claim_stages),
  },
};

/* gettext maps "" to the catalogue's header, so never ask it for "". */
static const char *
translate (const char *msgid)
{
  return msgid != NULL && *msgid != '\0' ? _(msgid) : "";
}

/**
 * staple_templates_get_count:
 *
 * Gets how many journey templates Staple ships.
 *
 * Returns: the number of templates
 */
guint
staple_templates_get_count (void)
{
  return G_N_ELEMENTS (templates);
}

/**
 * staple_templates_get:
 * @index: a number below staple_templates_get_count()
 *
 * Gets one of the journey templates, in the order they are offered.
 *
 * Returns: (transfer none): the template, or %NULL if @index is out of range
 */
const StapleTemplate *
staple_templates_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (templates), NULL);

  return &templates[index];
}

/**
 * staple_templates_lookup:
 * @id: a template id, such as “order-cycle”
 *
 * Finds the journey template with the id @id.
 *
 * Returns: (transfer none) (nullable): the template, or %NULL if there is none
 */
const StapleTemplate *
staple_templates_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      if (g_str_equal (templates[i].id, id))
        return &templates[i];
    }

  return NULL;
}

/**
 * staple_template_create_stages:
 * @template_: a #StapleTemplate
 *
 * Creates the stages of @template_, ready to be added to a session: translated
 * name, team and notes, the channel, and positions 0, 1, 2… in order. They
 * have no id yet.
 *
 * Returns: (transfer full) (element-type StapleStage): the new stages
 */
GPtrArray *
staple_template_create_stages (const StapleTemplate *template_)
{
  GPtrArray *stages;

  g_return_val_if_fail (template_ != NULL, NULL);
  g_return_val_if_fail (template_->stages != NULL || template_->n_stages == 0, NULL);

  stages = g_ptr_array_new_full (template_->n_stages, g_object_unref);

  for (guint i = 0; i < template_->n_stages; i++)
    {
      const StapleTemplateStage *data = &template_->stages[i];
      StapleStage *stage = staple_stage_new ();

      staple_stage_set_position (stage, (int) i);
      staple_stage_set_name (stage, translate (data->name));
      staple_stage_set_team (stage, translate (data->team));
      staple_stage_set_channel (stage, data->channel);
      staple_stage_set_notes (stage, translate (data->notes));
      g_ptr_array_add (stages, stage);
    }

  return stages;
}
