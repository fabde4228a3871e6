/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Made by build-aux/example-strings.py from data/example-workshop.json, for
 * translators only: nothing includes this file. Edit the JSON, then run the
 * script again (a test checks the two agree). */
#pragma once

/* Translators: your language's code (de, fr, …). The example workshop added to
 * the library in your language is told apart by it from the one in another. */
NC_("example workshop", "en");

/* Translators: the texts of the example workshop a new coach opens first: a
 * coffee-machine company's leadership follows one spare part from a café's call
 * to the repaired machine. Names of people and of the company stay as they are. */
NC_("example workshop", "Stapled to a brew unit: from a Saturday breakdown to a working machine");
NC_("example workshop", "Board room, Kettlewell head office, Leeds");
NC_("example workshop", "Owner of a 40-seat independent café in York, one bean-to-cup machine on a standard service contract");
NC_("example workshop", "A replacement brew unit ordered by phone on a Saturday morning after the café's machine broke");
NC_("example workshop", "Why does a café wait nine days for a brew unit that sits on our own shelf, and which of our decisions make it so?");
NC_("example workshop", "Chief executive");
NC_("example workshop", "Head of customer service");
NC_("example workshop", "Sales director");
NC_("example workshop", "Operations and warehouse lead");
NC_("example workshop", "Finance controller");
NC_("example workshop", "Field service manager");
NC_("example workshop", "IT lead");
NC_("example workshop", "Customer service agent (invited for the day)");
NC_("example workshop", "Saturday call to the service line");
NC_("example workshop", "Customer service");
NC_("example workshop", "The owner rings at 09:10; the only weekend agent logs the fault, promises a call back and can do nothing more until Monday.");
NC_("example workshop", "Fault triage by the technical desk");
NC_("example workshop", "Field service");
NC_("example workshop", "On Monday a technician rings the owner back, talks her through two checks and confirms that the brew unit has failed.");
NC_("example workshop", "Quote and order acceptance");
NC_("example workshop", "Sales");
NC_("example workshop", "Inside sales prices the part and the fitting visit, and the owner has to accept the quote in the customer portal.");
NC_("example workshop", "Credit check");
NC_("example workshop", "Credit control");
NC_("example workshop", "The order stops on an automatic credit hold and sits in a queue nobody watches until the customer rings to chase it.");
NC_("example workshop", "Customer chases the order");
NC_("example workshop", "On Wednesday the owner calls again; the agent spends 25 minutes finding the order and getting the hold lifted.");
NC_("example workshop", "Pick and pack");
NC_("example workshop", "Warehouse");
NC_("example workshop", "The hold is lifted after the 14:00 cut-off, so the part is picked and packed on Thursday morning.");
NC_("example workshop", "Carrier delivery");
NC_("example workshop", "Logistics (carrier)");
NC_("example workshop", "The carrier arrives on Friday before the café opens and leaves the box with the bakery next door.");
NC_("example workshop", "Engineer visit booked");
NC_("example workshop", "The fitting job lands with the Leeds scheduler instead of York and is only rebooked after another call; the visit is set for Monday.");
NC_("example workshop", "Engineer fits the brew unit");
NC_("example workshop", "The engineer fits the new unit, descales the machine and has the café serving coffee again by late morning.");
NC_("example workshop", "Invoice and payment");
NC_("example workshop", "Billing");
NC_("example workshop", "The invoice arrives by email with fees the agent had said we would drop, and putting it right needs a credit note.");
NC_("example workshop", "Weekend agent may log a fault but not order a part or book an engineer");
NC_("example workshop", "The part was in stock on Saturday; the rule kept it on the shelf until Monday.");
NC_("example workshop", "Out-of-hours script promises a call back 'within four hours' that never comes");
NC_("example workshop", "Weekend cover is bought from an agency on hourly rate, with no machine knowledge");
NC_("example workshop", "Technician asks for the serial number, which is already on the service contract");
NC_("example workshop", "Contracts live in the sales system, which the technical desk cannot open.");
NC_("example workshop", "Triage desk is measured on cases per hour, so the owner got a four-minute call");
NC_("example workshop", "Brew unit seals on this model fail after about 18 months; third failure this year");
NC_("example workshop", "Owner must accept the quote in a web portal she has never had a login for");
NC_("example workshop", "Nobody can say whether the service contract covers a brew unit");
NC_("example workshop", "Managers answer other teams' emails in days, and their teams do the same");
NC_("example workshop", "Every order over €500 goes on credit hold if the account has any open query");
NC_("example workshop", "The open query was a €45 call-out charge the café had questioned in July.");
NC_("example workshop", "Credit-hold queue has no owner and tells neither the customer nor sales");
NC_("example workshop", "Only the finance controller may release a hold, and she was busy with month-end");
NC_("example workshop", "Weekly ageing report lists small cafés as 'problem accounts'");
NC_("example workshop", "New CRM was sold as 'one view of the customer' but cannot show credit holds");
NC_("example workshop", "Agent rang sales, the warehouse and finance before anyone took ownership");
NC_("example workshop", "Six-minute call target: this 25-minute call was flagged red on the dashboard");
NC_("example workshop", "Agent needs a supervisor to approve a loan machine, and none was free");
NC_("example workshop", "Pick list has no 'machine down' flag, so the part queues with routine orders");
NC_("example workshop", "Brew unit ships without the matching seal kit, which is sold as a separate part");
NC_("example workshop", "Carrier picked on price: two-day service, no time slots, no Saturday delivery");
NC_("example workshop", "Driver has over 100 drops a day and left the box next door without a note");
NC_("example workshop", "Engineer jobs are routed by billing postcode, so York work went to the Leeds team");
NC_("example workshop", "Not yet diagnosed: nobody in the room knew who set up the routing rule.");
NC_("example workshop", "Warranty is void unless our engineer fits the unit, though it clips in by hand");
NC_("example workshop", "New scheduling app, but each region still plans from its own spreadsheet");
NC_("example workshop", "Engineer may not leave a €12 descaling kit as goodwill without a sales order");
NC_("example workshop", "Engineer spends 20 minutes on a paper job sheet that the office types in again");
NC_("example workshop", "Invoice charges the call-out and delivery fees the agent had promised to waive");
NC_("example workshop", "The agent had no authority to waive them, so billing never heard about the promise.");
NC_("example workshop", "A credit note needs two signatures and takes three working days");
NC_("example workshop", "Replace the blanket credit-hold rule: hold only orders over €2,000 or accounts 60+ days overdue");
NC_("example workshop", "Give the credit-hold queue a named owner and a same-day message to the customer and the agent");
NC_("example workshop", "Let weekend agents order stocked parts and book engineers when a machine is down");
NC_("example workshop", "Carry one 'machine down' flag from the first call to the pick list and the engineer's schedule");
NC_("example workshop", "Rewrite the warranty so customers may fit clip-in parts themselves, with our video guide");
NC_("example workshop", "Get the revised seal from the manufacturer and ship every brew unit with its seal kit");
NC_("example workshop", "Drop the six-minute call target; report cases solved on the first contact instead");
NC_("example workshop", "Every leader answers the service line for half a day each quarter, the CEO first");
NC_("example workshop", "Waive call-out and delivery fees up to €75 when the delay was our fault");
NC_("example workshop", "Send a loan machine to any café whose machine will be down for more than one working day");
NC_("example workshop", "Order any stocked spare part for a contract customer, on any day of the week");
NC_("example workshop", "Upgrade to next-day or timed delivery whenever a customer's machine is down");
NC_("example workshop", "Leave consumables worth up to €40 as goodwill during a visit");
NC_("example workshop", "Keep a case and call the customer back yourself instead of passing it to another team");
