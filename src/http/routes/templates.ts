import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { MAX_TEMPLATE_LENGTH } from '../../documents/templates/index.ts';
import { deleteTemplate, getTemplate, listTemplates, previewTemplate, putTemplate, type TemplateView as Template } from '../../services/documents/templates.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { ErrorSchema } from '../views.ts';

const tags = ['templates'];
const errors = { 400: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
const Address = Type.Object({ key: Type.String({ maxLength: 80 }), locale: Type.String({ maxLength: 20 }) });

const TemplateView = Type.Object({
  key: Type.String(),
  locale: Type.String(),
  source: Type.String(),
  overridden: Type.Boolean(),
  defaultSource: Type.String(),
  updatedAt: Type.Union([Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' }), Type.Null()]),
});

const PreviewBody = Type.Object(
  {
    invoiceId: Type.String({ format: 'uuid' }),
    locale: Type.Optional(Type.String({ maxLength: 20, description: "Defaults to the customer's language" })),
    key: Type.Optional(Type.String({ maxLength: 80, description: 'Preview the message this template appears in' })),
    kind: Type.Optional(Type.Union([Type.Literal('reminder'), Type.Literal('invoice'), Type.Literal('receipt')])),
    tone: Type.Optional(Type.Union([Type.Literal('friendly'), Type.Literal('firm'), Type.Literal('final')])),
    channel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('letter')])),
    source: Type.Optional(Type.String({ maxLength: MAX_TEMPLATE_LENGTH, description: 'Unsaved text for `key`, to see it before saving' })),
  },
  { additionalProperties: false },
);

const Strings = Type.Array(Type.String());
const PreviewView = Type.Union([
  Type.Object({ channel: Type.Literal('email'), subject: Type.String(), html: Type.String(), text: Type.String(), ignoredOverrides: Strings }),
  Type.Object({ channel: Type.Literal('sms'), text: Type.String(), encoding: Type.String(), units: Type.Integer(), ignoredOverrides: Strings }),
  Type.Object({ channel: Type.Literal('letter'), title: Type.String(), date: Type.String(), text: Type.String(), ignoredOverrides: Strings }),
]);

const view = (t: Template) => t;

export const templateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/templates',
    {
      config: { permission: 'settings:read' },
      schema: { tags, summary: "The organization's own message templates (overrides of the built-in ones)", querystring: Type.Object({ locale: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }), response: { 200: Type.Object({ data: Type.Array(TemplateView) }), ...errors } },
    },
    async (request, reply) => {
      const result = await listTemplates(request.ctx, request.query.locale);
      return result.ok ? { data: result.value } : sendFailure(reply, result);
    },
  );

  app.get(
    '/templates/:key/:locale',
    { config: { permission: 'settings:read' }, schema: { tags, summary: 'A template as messages use it: the override if any, and the built-in text', params: Address, response: { 200: TemplateView, ...errors } } },
    async (request, reply) => sendResult(reply, await getTemplate(request.ctx, request.params.key, request.params.locale), view),
  );

  app.put(
    '/templates/:key/:locale',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        summary: 'Save your own wording of a template in one language (ICU MessageFormat, checked before saving)',
        params: Address,
        body: Type.Object({ source: Type.String({ maxLength: MAX_TEMPLATE_LENGTH }) }, { additionalProperties: false }),
        response: { 200: TemplateView, ...errors },
      },
    },
    async (request, reply) => sendResult(reply, await putTemplate(request.ctx, request.params.key, request.params.locale, request.body.source), view),
  );

  app.delete(
    '/templates/:key/:locale',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Go back to the built-in text', params: Address, response: { 200: TemplateView, ...errors } } },
    async (request, reply) => sendResult(reply, await deleteTemplate(request.ctx, request.params.key, request.params.locale), view),
  );

  app.post(
    '/templates/preview',
    {
      config: { permission: 'settings:read' },
      schema: {
        tags,
        summary: "Render a message for a real invoice with the organization's templates (format=pdf for a letter as printed)",
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('pdf')])) }, { additionalProperties: false }),
        body: PreviewBody,
        // A letter's PDF is sent as bytes and skips serialization; the schema documents the JSON form.
        response: { 200: Type.Unsafe<Static<typeof PreviewView> | Buffer>(PreviewView), ...errors },
      },
    },
    async (request, reply) => {
      const wantsPdf = request.query.format === 'pdf';
      const result = await previewTemplate(request.ctx, request.body, { pdf: wantsPdf });
      if (!result.ok) return sendFailure(reply, result);
      const preview = result.value;
      if (wantsPdf) {
        if (preview.channel !== 'letter' || !preview.pdf) {
          return sendFailure(reply, { code: 'PREVIEW_PDF_LETTER_ONLY', message: 'Only letters are printed: ask for channel letter', field: 'channel' });
        }
        return reply.type('application/pdf').header('content-disposition', 'inline; filename="letter-preview.pdf"').send(preview.pdf);
      }
      if (preview.channel === 'letter') {
        const { pdf: _pdf, ...rest } = preview;
        return { ...rest, ignoredOverrides: [...rest.ignoredOverrides] };
      }
      return { ...preview, ignoredOverrides: [...preview.ignoredOverrides] };
    },
  );
};
