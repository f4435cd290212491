import { Module } from '@nestjs/common';
import { LabelCategoriesController } from './label-categories.controller';
import { LabelCategoriesService } from './label-categories.service';

@Module({ controllers: [LabelCategoriesController], providers: [LabelCategoriesService] })
export class LabelCategoriesModule {}
